// The runtime every module links: the allocator, strings, arrays and the HTML builder,
// written in WebAssembly text and parsed by Binaryen (BinaryenModuleParse); generated code
// is added to the parsed module. Functions a component does not use are removed by
// Binaryen's optimizer (-O1 and up).
//
// Memory layout (all addresses 8-aligned):
//   0..7       null (address 0 is never allocated)
//   8..71      the escapes `&amp;` `&lt;` `&gt;` `&quot;` (strings at 8, 24, 40, 56)
//   72..       static data: string literals ([length: i32][UTF-16 code units]), static
//              closures, dirty flags, handler-list table — laid out by `DataLayout`
//   $hp ..     the heap: a bump allocator (`$alloc`) that grows memory on demand
//
// Values: number = f64; bool = i32 (0/1); string = i32 pointer to [len][u16 × len];
// array = i32 pointer to [len: i32][cap: i32][data: i32] with 8-byte slots at data;
// closure = i32 pointer to [table index: i32][environment: i32]; event = i32 pointer to
// [type: string][value: string][checked: i32][key: string]; null = 0.
//
// Memory policy (HYDRATION.md, "Memory"): allocation is a bump pointer. A binding update
// whose expression cannot store what it allocates (no writes, no calls of unknown code)
// runs as a scratch arena: the heap pointer is restored when it returns. Everything else
// (handlers, region renders) keeps what it allocated.

enum WasmRuntime {
    /// The host imports, module "o". Each is documented in HYDRATION.md ("Host imports").
    static let imports = #"""
     (import "o" "n" (func $numstr (param f64) (result i32)))
     (import "o" "t" (func $h_text (param i32 i32)))
     (import "o" "a" (func $h_attr (param i32 i32 i32)))
     (import "o" "r" (func $h_region (param i32 i32)))
     (import "o" "e" (func $h_listen (param i32 i32 i32)))
     (import "o" "l" (func $h_log (param i32)))
     (import "o" "p" (func $h_pow (param f64 f64) (result f64)))
     (import "o" "m" (func $h_rem (param f64 f64) (result f64)))
     (import "o" "x" (func $h_random (result f64)))
     (import "o" "s1" (func $h_s1 (param i32 i32) (result i32)))
     (import "o" "s2" (func $h_s2 (param i32 i32 i32) (result f64)))
     (import "o" "s3" (func $h_s3 (param i32 i32 f64 f64) (result i32)))
     (import "o" "s4" (func $h_s4 (param i32 i32 i32 i32) (result i32)))
     (import "o" "u" (func $h_num (param i32 i32) (result f64)))
     (import "o" "f" (func $h_fixed (param f64 f64) (result i32)))
    """#

    /// The method names the string imports `s1`…`s4` take as their first argument (an
    /// index into this list; omni.js holds the same list).
    static let stringMethods = ["toUpperCase", "toLowerCase", "trim", "trimStart", "trimEnd",
                                "includes", "startsWith", "endsWith", "indexOf", "lastIndexOf",
                                "slice", "substring", "charAt", "repeat", "replace", "replaceAll"]

    static let functions = #"""
     (global $hp (mut i32) (i32.const 0))
     (global $sb (mut i32) (i32.const 0))
     (global $sbcap (mut i32) (i32.const 0))
     (func $alloc (param $n i32) (result i32)
      (local $p i32) (local $need i32)
      (local.set $p (global.get $hp))
      (global.set $hp (i32.and (i32.add (i32.add (local.get $p) (local.get $n)) (i32.const 7)) (i32.const -8)))
      (local.set $need (i32.sub (global.get $hp) (i32.shl (memory.size) (i32.const 16))))
      (if (i32.gt_s (local.get $need) (i32.const 0))
       (if (i32.lt_s (memory.grow (i32.add (i32.shr_u (local.get $need) (i32.const 16)) (i32.const 1))) (i32.const 0))
        (unreachable)))
      (local.get $p))
     (func $snew (param $n i32) (result i32)
      (local $p i32)
      (local.set $p (call $alloc (i32.add (i32.const 4) (i32.shl (local.get $n) (i32.const 1)))))
      (i32.store (local.get $p) (local.get $n))
      (local.get $p))
     (func $cat (param $a i32) (param $b i32) (result i32)
      (local $la i32) (local $lb i32) (local $p i32)
      (local.set $la (i32.load (local.get $a)))
      (local.set $lb (i32.load (local.get $b)))
      (if (i32.eqz (local.get $la)) (return (local.get $b)))
      (if (i32.eqz (local.get $lb)) (return (local.get $a)))
      (local.set $p (call $snew (i32.add (local.get $la) (local.get $lb))))
      (memory.copy (i32.add (local.get $p) (i32.const 4)) (i32.add (local.get $a) (i32.const 4)) (i32.shl (local.get $la) (i32.const 1)))
      (memory.copy (i32.add (i32.add (local.get $p) (i32.const 4)) (i32.shl (local.get $la) (i32.const 1)))
                   (i32.add (local.get $b) (i32.const 4)) (i32.shl (local.get $lb) (i32.const 1)))
      (local.get $p))
     (func $scmp (param $a i32) (param $b i32) (result i32)
      (local $la i32) (local $lb i32) (local $i i32) (local $n i32) (local $x i32) (local $y i32)
      (local.set $la (i32.load (local.get $a)))
      (local.set $lb (i32.load (local.get $b)))
      (local.set $n (select (local.get $la) (local.get $lb) (i32.lt_u (local.get $la) (local.get $lb))))
      (block $done
       (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $x (i32.load16_u offset=4 (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 1)))))
        (local.set $y (i32.load16_u offset=4 (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 1)))))
        (if (i32.ne (local.get $x) (local.get $y))
         (return (select (i32.const -1) (i32.const 1) (i32.lt_u (local.get $x) (local.get $y)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (i32.sub (i32.gt_u (local.get $la) (local.get $lb)) (i32.lt_u (local.get $la) (local.get $lb))))
     (func $seq (param $a i32) (param $b i32) (result i32)
      (if (i32.eq (local.get $a) (local.get $b)) (return (i32.const 1)))
      (if (i32.or (i32.eqz (local.get $a)) (i32.eqz (local.get $b))) (return (i32.const 0)))
      (i32.eqz (call $scmp (local.get $a) (local.get $b))))
     (func $sbreserve (param $n i32)
      (local $len i32) (local $p i32)
      (local.set $len (i32.load (global.get $sb)))
      (if (i32.gt_u (i32.add (local.get $len) (local.get $n)) (global.get $sbcap))
       (then
        (global.set $sbcap (i32.add (i32.shl (global.get $sbcap) (i32.const 1)) (local.get $n)))
        (local.set $p (call $alloc (i32.add (i32.const 4) (i32.shl (global.get $sbcap) (i32.const 1)))))
        (memory.copy (local.get $p) (global.get $sb) (i32.add (i32.const 4) (i32.shl (local.get $len) (i32.const 1))))
        (global.set $sb (local.get $p)))))
     (func $sbstart
      (if (i32.eqz (global.get $sb))
       (then (global.set $sbcap (i32.const 256))
             (global.set $sb (call $alloc (i32.const 516)))))
      (i32.store (global.get $sb) (i32.const 0)))
     (func $sbadd (param $s i32)
      (local $n i32) (local $len i32)
      (local.set $n (i32.load (local.get $s)))
      (call $sbreserve (local.get $n))
      (local.set $len (i32.load (global.get $sb)))
      (memory.copy (i32.add (i32.add (global.get $sb) (i32.const 4)) (i32.shl (local.get $len) (i32.const 1)))
                   (i32.add (local.get $s) (i32.const 4)) (i32.shl (local.get $n) (i32.const 1)))
      (i32.store (global.get $sb) (i32.add (local.get $len) (local.get $n))))
     (func $sbunit (param $c i32)
      (local $len i32)
      (call $sbreserve (i32.const 1))
      (local.set $len (i32.load (global.get $sb)))
      (i32.store16 offset=4 (i32.add (global.get $sb) (i32.shl (local.get $len) (i32.const 1))) (local.get $c))
      (i32.store (global.get $sb) (i32.add (local.get $len) (i32.const 1))))
     (func $sbesc (param $s i32)
      (local $i i32) (local $n i32) (local $c i32)
      (local.set $n (i32.load (local.get $s)))
      (block $done (loop $next
       (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
       (local.set $c (i32.load16_u offset=4 (i32.add (local.get $s) (i32.shl (local.get $i) (i32.const 1)))))
       (if (i32.eq (local.get $c) (i32.const 38)) (then (call $sbadd (i32.const 8)))
        (else (if (i32.eq (local.get $c) (i32.const 60)) (then (call $sbadd (i32.const 24)))
         (else (if (i32.eq (local.get $c) (i32.const 62)) (then (call $sbadd (i32.const 40)))
          (else (if (i32.eq (local.get $c) (i32.const 34)) (then (call $sbadd (i32.const 56)))
           (else (call $sbunit (local.get $c))))))))))
       (local.set $i (i32.add (local.get $i) (i32.const 1)))
       (br $next))))
     (func $sbint (param $v i32)
      (if (i32.ge_u (local.get $v) (i32.const 10)) (call $sbint (i32.div_u (local.get $v) (i32.const 10))))
      (call $sbunit (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10)))))
     (func $anew (param $n i32) (result i32)
      (local $p i32) (local $cap i32)
      (local.set $cap (select (local.get $n) (i32.const 4) (i32.gt_u (local.get $n) (i32.const 4))))
      (local.set $p (call $alloc (i32.const 12)))
      (i32.store (local.get $p) (local.get $n))
      (i32.store offset=4 (local.get $p) (local.get $cap))
      (i32.store offset=8 (local.get $p) (call $alloc (i32.shl (local.get $cap) (i32.const 3))))
      (local.get $p))
     (func $areserve (param $a i32) (param $n i32)
      (local $len i32) (local $cap i32) (local $d i32)
      (local.set $len (i32.load (local.get $a)))
      (local.set $cap (i32.load offset=4 (local.get $a)))
      (if (i32.gt_u (i32.add (local.get $len) (local.get $n)) (local.get $cap))
       (then
        (local.set $cap (i32.add (i32.shl (local.get $cap) (i32.const 1)) (local.get $n)))
        (local.set $d (call $alloc (i32.shl (local.get $cap) (i32.const 3))))
        (memory.copy (local.get $d) (i32.load offset=8 (local.get $a)) (i32.shl (local.get $len) (i32.const 3)))
        (i32.store offset=4 (local.get $a) (local.get $cap))
        (i32.store offset=8 (local.get $a) (local.get $d)))))
     (func $apush (param $a i32) (result i32)
      (local $len i32)
      (call $areserve (local.get $a) (i32.const 1))
      (local.set $len (i32.load (local.get $a)))
      (i32.store (local.get $a) (i32.add (local.get $len) (i32.const 1)))
      (i32.add (i32.load offset=8 (local.get $a)) (i32.shl (local.get $len) (i32.const 3))))
     (func $aslot (param $a i32) (param $i i32) (result i32)
      (local $len i32)
      (local.set $len (i32.load (local.get $a)))
      (if (i32.ge_u (local.get $i) (local.get $len))
       (then
        (call $areserve (local.get $a) (i32.sub (i32.add (local.get $i) (i32.const 1)) (local.get $len)))
        (memory.fill (i32.add (i32.load offset=8 (local.get $a)) (i32.shl (local.get $len) (i32.const 3))) (i32.const 0)
                     (i32.shl (i32.sub (i32.add (local.get $i) (i32.const 1)) (local.get $len)) (i32.const 3)))
        (i32.store (local.get $a) (i32.add (local.get $i) (i32.const 1)))))
      (i32.add (i32.load offset=8 (local.get $a)) (i32.shl (local.get $i) (i32.const 3))))
     (func $aappend (param $a i32) (param $b i32)
      (local $n i32) (local $len i32)
      (local.set $n (i32.load (local.get $b)))
      (call $areserve (local.get $a) (local.get $n))
      (local.set $len (i32.load (local.get $a)))
      (memory.copy (i32.add (i32.load offset=8 (local.get $a)) (i32.shl (local.get $len) (i32.const 3)))
                   (i32.load offset=8 (local.get $b)) (i32.shl (local.get $n) (i32.const 3)))
      (i32.store (local.get $a) (i32.add (local.get $len) (local.get $n))))
     (func $tnum (param $x f64) (result i32)
      (i32.and (f64.ne (local.get $x) (f64.const 0)) (f64.eq (local.get $x) (local.get $x))))
     (func $tstr (param $s i32) (result i32)
      (if (result i32) (local.get $s) (then (i32.ne (i32.load (local.get $s)) (i32.const 0))) (else (i32.const 0))))
     (func $toi32 (param $x f64) (result i32)
      (i32.wrap_i64 (i64.trunc_sat_f64_s (local.get $x))))
     (func $round (param $x f64) (result f64)
      (local $r f64)
      (local.set $r (f64.floor (local.get $x)))
      (if (f64.ge (f64.sub (local.get $x) (local.get $r)) (f64.const 0.5)) (local.set $r (f64.add (local.get $r) (f64.const 1))))
      (f64.copysign (local.get $r) (local.get $x)))
     (func $sign (param $x f64) (result f64)
      (if (result f64) (f64.gt (local.get $x) (f64.const 0)) (then (f64.const 1))
       (else (if (result f64) (f64.lt (local.get $x) (f64.const 0)) (then (f64.const -1)) (else (local.get $x))))))
     (func $isint (param $x f64) (result i32)
      (i32.and (f64.eq (f64.trunc (local.get $x)) (local.get $x)) (f64.ne (f64.abs (local.get $x)) (f64.const inf))))
    """#

    /// The strings `$sbesc` writes, interned first so they sit at 8, 24, 40 and 56.
    static let escapes = ["&amp;", "&lt;", "&gt;", "&quot;"]
}
