import NIOHTTP1

extension Request {
    /// Whether htmx boosted the request (`HX-Boosted: true`).
    public var isBoosted: Bool { headers.first(name: "HX-Boosted") == "true" }
    /// The id of the target element (`HX-Target`).
    public var htmxTarget: String? { headers.first(name: "HX-Target") }
    /// The id of the triggering element (`HX-Trigger`).
    public var htmxTrigger: String? { headers.first(name: "HX-Trigger") }
    /// The browser's current URL (`HX-Current-URL`).
    public var htmxCurrentURL: String? { headers.first(name: "HX-Current-URL") }
}

extension Response {
    /// `HX-Redirect`: htmx does a full client-side redirect.
    public mutating func hxRedirect(_ url: String) { headers.replaceOrAdd(name: "HX-Redirect", value: url) }
    /// `HX-Location`: htmx navigates without a full reload.
    public mutating func hxLocation(_ url: String) { headers.replaceOrAdd(name: "HX-Location", value: url) }
    /// `HX-Push-Url`: pushes a URL onto the history stack.
    public mutating func hxPushURL(_ url: String) { headers.replaceOrAdd(name: "HX-Push-Url", value: url) }
    /// `HX-Replace-Url`: replaces the current URL.
    public mutating func hxReplaceURL(_ url: String) { headers.replaceOrAdd(name: "HX-Replace-Url", value: url) }
    /// `HX-Refresh: true`: a full page refresh.
    public mutating func hxRefresh() { headers.replaceOrAdd(name: "HX-Refresh", value: "true") }
    /// `HX-Retarget`: a CSS selector to swap into instead.
    public mutating func hxRetarget(_ selector: String) { headers.replaceOrAdd(name: "HX-Retarget", value: selector) }
    /// `HX-Reswap`: how to swap (`innerHTML`, `outerHTML`, …).
    public mutating func hxReswap(_ swap: String) { headers.replaceOrAdd(name: "HX-Reswap", value: swap) }

    /// `HX-Trigger` with event names (several calls accumulate: `a, b`).
    public mutating func hxTrigger(_ event: String) {
        if let existing = headers.first(name: "HX-Trigger"), !existing.hasPrefix("{") {
            headers.replaceOrAdd(name: "HX-Trigger", value: existing + ", " + event)
        } else {
            headers.replaceOrAdd(name: "HX-Trigger", value: event)
        }
    }

    /// `HX-Trigger` with events carrying details: `{"showMessage": {"level": "info"}}`.
    public mutating func hxTrigger(events: [String: JSONValue]) {
        headers.replaceOrAdd(name: "HX-Trigger", value: JSONValue.object(events).jsonString)
    }
}

extension Middleware {
    /// Adds `Vary: HX-Request` to every response, so caches keep fragments and full pages apart.
    public static let htmx = Middleware.after("htmx") { _, response in
        response.addListHeader("Vary", token: "HX-Request")
    }
}
