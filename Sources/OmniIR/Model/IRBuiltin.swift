/// A function the language provides. The raw value is how the source spells it.
public enum IRBuiltin: String, Hashable, Sendable, CaseIterable {
    /// `Math.floor(x)`.
    case mathFloor = "Math.floor"
    /// `Math.ceil(x)`.
    case mathCeil = "Math.ceil"
    /// `Math.round(x)` (halves round towards +∞).
    case mathRound = "Math.round"
    /// `Math.trunc(x)`.
    case mathTrunc = "Math.trunc"
    /// `Math.abs(x)`.
    case mathAbs = "Math.abs"
    /// `Math.sign(x)`.
    case mathSign = "Math.sign"
    /// `Math.sqrt(x)`.
    case mathSqrt = "Math.sqrt"
    /// `Math.pow(x, y)` (the same as `x ** y`).
    case mathPow = "Math.pow"
    /// `Math.min(a, b, …)`.
    case mathMin = "Math.min"
    /// `Math.max(a, b, …)`.
    case mathMax = "Math.max"
    /// `Math.random()`; the evaluator returns a fixed sequence.
    case mathRandom = "Math.random"
    /// `Math.PI` (a constant, lowered as a call with no arguments).
    case mathPI = "Math.PI"
    /// `String(x)`: ToString.
    case string = "String"
    /// `Number(x)`: ToNumber.
    case number = "Number"
    /// `Boolean(x)`: ToBoolean.
    case boolean = "Boolean"
    /// `parseInt(s)`.
    case parseInt = "parseInt"
    /// `parseFloat(s)`.
    case parseFloat = "parseFloat"
    /// `isNaN(x)`.
    case isNaN = "isNaN"
    /// `Number.isInteger(x)`.
    case isInteger = "Number.isInteger"
    /// `Array.isArray(x)`.
    case isArray = "Array.isArray"
    /// `JSON.stringify(x)`.
    case jsonStringify = "JSON.stringify"
    /// `console.log(a, …)`: a side effect the back ends route to their log.
    case consoleLog = "console.log"
    /// `signal(v)` outside a top-level declaration: creates a signal.
    case signal = "signal"
    /// `computed(fn)` outside a top-level declaration.
    case computed = "computed"
    /// `effect(fn)` outside the top level of the script: runs `fn` now and on changes.
    case effect = "effect"
    /// `batch(fn)`: runs `fn`, deferring effects to its end.
    case batch = "batch"
    /// `untrack(fn)`: runs `fn` without recording what it reads.
    case untrack = "untrack"

    /// No side effect and a result that depends only on the arguments (foldable).
    public var isPure: Bool {
        switch self {
        case .mathRandom, .consoleLog, .signal, .computed, .effect, .batch, .untrack: false
        default: true
        }
    }
}

/// A method or property of a built-in type. The raw value is `type.name`.
public enum IRMethod: String, Hashable, Sendable, CaseIterable {
    /// `s.length` (UTF-16 code units).
    case stringLength = "string.length"
    /// `s.toUpperCase()`.
    case stringToUpperCase = "string.toUpperCase"
    /// `s.toLowerCase()`.
    case stringToLowerCase = "string.toLowerCase"
    /// `s.trim()`.
    case stringTrim = "string.trim"
    /// `s.trimStart()`.
    case stringTrimStart = "string.trimStart"
    /// `s.trimEnd()`.
    case stringTrimEnd = "string.trimEnd"
    /// `s.lastIndexOf(t)`.
    case stringLastIndexOf = "string.lastIndexOf"
    /// `s.includes(t)`.
    case stringIncludes = "string.includes"
    /// `s.startsWith(t)`.
    case stringStartsWith = "string.startsWith"
    /// `s.endsWith(t)`.
    case stringEndsWith = "string.endsWith"
    /// `s.indexOf(t)`.
    case stringIndexOf = "string.indexOf"
    /// `s.slice(a, b)`.
    case stringSlice = "string.slice"
    /// `s.substring(a, b)`.
    case stringSubstring = "string.substring"
    /// `s.split(sep)`.
    case stringSplit = "string.split"
    /// `s.repeat(n)`.
    case stringRepeat = "string.repeat"
    /// `s.padStart(n, fill)`.
    case stringPadStart = "string.padStart"
    /// `s.padEnd(n, fill)`.
    case stringPadEnd = "string.padEnd"
    /// `s.charAt(i)`.
    case stringCharAt = "string.charAt"
    /// `s.replace(a, b)` (the first occurrence).
    case stringReplace = "string.replace"
    /// `s.replaceAll(a, b)`.
    case stringReplaceAll = "string.replaceAll"
    /// `xs.length`.
    case arrayLength = "array.length"
    /// `xs.map(f)`.
    case arrayMap = "array.map"
    /// `xs.filter(f)`.
    case arrayFilter = "array.filter"
    /// `xs.find(f)`.
    case arrayFind = "array.find"
    /// `xs.findIndex(f)`.
    case arrayFindIndex = "array.findIndex"
    /// `xs.some(f)`.
    case arraySome = "array.some"
    /// `xs.every(f)`.
    case arrayEvery = "array.every"
    /// `xs.reduce(f, init)`.
    case arrayReduce = "array.reduce"
    /// `xs.forEach(f)`.
    case arrayForEach = "array.forEach"
    /// `xs.includes(x)`.
    case arrayIncludes = "array.includes"
    /// `xs.indexOf(x)`.
    case arrayIndexOf = "array.indexOf"
    /// `xs.join(sep)`.
    case arrayJoin = "array.join"
    /// `xs.slice(a, b)`.
    case arraySlice = "array.slice"
    /// `xs.concat(ys)`.
    case arrayConcat = "array.concat"
    /// `xs.at(i)`: negative indexes count from the end; `null` when out of range.
    case arrayAt = "array.at"
    /// `xs.push(x)` (mutates).
    case arrayPush = "array.push"
    /// `xs.pop()` (mutates).
    case arrayPop = "array.pop"
    /// `xs.reverse()` (mutates).
    case arrayReverse = "array.reverse"
    /// `n.toFixed(digits)`.
    case numberToFixed = "number.toFixed"
    /// `x.toString()`.
    case toString = "any.toString"
    /// `s.set(v)` on a signal that is not a plain name: `pick().set(v)`.
    case signalSet = "signal.set"
    /// `s.update(fn)` on a signal that is not a plain name.
    case signalUpdate = "signal.update"

    /// The method name as written after the dot.
    public var name: String { String(rawValue.split(separator: ".").last ?? "") }

    /// A property (`xs.length`), not a call.
    public var isProperty: Bool { self == .stringLength || self == .arrayLength }

    /// Neither mutates nor calls back into user code, so it can be folded or removed.
    public var isPure: Bool {
        switch self {
        case .arrayMap, .arrayFilter, .arrayFind, .arrayFindIndex, .arraySome, .arrayEvery, .arrayReduce,
             .arrayForEach, .arrayPush, .arrayPop, .arrayReverse, .signalSet, .signalUpdate: false
        default: true
        }
    }

    /// The method named `name` on a receiver of a string (`string`), array (`array`) or
    /// number (`number`) type, if the language has one.
    public static func lookup(_ name: String, on receiver: String) -> IRMethod? {
        if let m = IRMethod(rawValue: "\(receiver).\(name)") { return m }
        if name == "toString" { return .toString }
        return nil
    }
}
