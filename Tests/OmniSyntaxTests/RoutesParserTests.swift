import OmniBase
import Testing
@testable import OmniSyntax

/// One test per construct of `<routes>` blocks.
@Suite struct RoutesParserTests {
    @Test func pipelinesWithPlugsAndArguments() throws {
        let r = parseRoutesBody("""
        pipeline api { logger, json, cors("https://a.example", "https://b.example"), auth(bearer), rate_limit(100, per: minute) }
        pipeline browser {
          logger
          session
        }
        """)
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        #expect(r.shape == lines(
            "Routes",
            "  Pipeline api",
            "    Plug logger",
            "    Plug json",
            "    Plug cors(\"https://a.example\", \"https://b.example\")",
            "    Plug auth(bearer)",
            "    Plug rate_limit(100, per: minute)",
            "  Pipeline browser",
            "    Plug logger",
            "    Plug session"))
        guard case .pipeline(let p) = r.block.items.first?.kind else { Issue.record("no pipeline"); return }
        #expect(p.plugs.map(\.kind) == [.logger, .json, .cors, .auth, .rateLimit])
        #expect(p.plugs[4].arguments?[1].label?.name == "per")
    }

    @Test func nestedScopesWithPipelines() throws {
        let r = parseRoutesBody("""
        scope "/" through browser {
          scope "/admin" through admin, audit {
            get "/" => page "admin/index"
          }
        }
        """)
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        guard case .scope(let outer) = r.block.items.first?.kind, case .scope(let inner)? = outer.items.first?.kind else {
            Issue.record("no scopes"); return
        }
        #expect(outer.pipelines.map(\.name) == ["browser"])
        #expect(inner.pipelines.map(\.name) == ["admin", "audit"])
        #expect(inner.path.segments.map(\.kind) == [.literal("admin")])
        #expect(inner.items.count == 1)
    }

    @Test func everyVerbAndPathSegmentKind() throws {
        let r = parseRoutesBody("""
        get "/files/:id/*rest" => page "files/show"
        post "/a" => redirect "/b"
        put "/a" => json { x: A.all() }
        patch "/a/:a_b1" => json { x: A.find(a_b1) }
        delete "/a/v1.2/~x@y" => redirect "https://example.com/"
        """)
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        let routes = r.block.items.compactMap { if case .route(let d) = $0.kind { d } else { nil } }
        #expect(routes.map(\.verb) == HTTPVerb.allCases)
        #expect(routes[0].path.segments.map { r.file.text($0.span) } == ["files", ":id", "*rest"])
        guard case .splat(let rest) = routes[0].path.segments[2].kind else { Issue.record("no splat"); return }
        #expect(r.file.text(rest.span) == "rest")
        #expect(r.file.text(routes[0].path.segments[1].span) == ":id")
        #expect(routes[0].path.parameterNames.map(\.name) == ["id", "rest"])
        guard case .redirect(.url(let url)) = routes[4].target.kind else { Issue.record("no url"); return }
        #expect(url.value == "https://example.com/")
    }

    @Test func rootPathHasNoSegments() {
        let r = parseRoutesBody("get \"/\" => page \"index\"")
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        guard case .route(let d) = r.block.items.first?.kind else { Issue.record("no route"); return }
        #expect(d.path.segments.isEmpty && d.path.text == "/")
    }

    @Test func queryParametersWithTypesAndDefaults() throws {
        let r = parseRoutesBody(#"get "/users/search" (q: string, page: int = 1, since: date?, all: bool = false) => page "users/_results" { users: User.where(name contains q) }"#)
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        guard case .route(let d) = r.block.items.first?.kind else { Issue.record("no route"); return }
        #expect(d.queryParameters.map(\.name.name) == ["q", "page", "since", "all"])
        #expect(d.queryParameters[1].defaultValue?.kind == .integer(1))
        #expect(d.queryParameters[2].type.kind != d.queryParameters[2].type.unwrapped.kind)
    }

    @Test func pageAndJSONBindingsAndQueries() {
        let r = parseRoutesBody("""
        get "/" => page "index" {
          posts: Post.where(published == true && author.id == :id || !archived).order(-createdAt, title).limit(10).offset(20).include(author, tags)
          one: Post.where(status in ["a", "b"] && score >= -1.5 && name startsWith "A" && mail endsWith "@x" && n != null).first()
          total: Post.count()
        }
        """)
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        #expect(r.shape.contains("""
              Binding posts
                Query Post
                  Call where
                    Binary ||
                      Binary &&
                        Binary ==
                          Name published
                          Literal true
                        Binary ==
                          Member id
                            Name author
                          Parameter id
                      Unary !
                        Name archived
                  Call order
                    Unary -
                      Name createdAt
                    Name title
        """), "\(r.shape)")
        #expect(r.shape.contains("Literal -1.5"))
        #expect(r.shape.contains("Binary startsWith"))
    }

    @Test func precedenceIsOrThenAndThenNotThenComparison() {
        let r = parseRoutesBody("get \"/\" => json { x: A.where(!a == b && c || d) }")
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        #expect(r.shape.contains("""
                    Binary ||
                      Binary &&
                        Unary !
                          Binary ==
                            Name a
                            Name b
                        Name c
                      Name d
        """), "\(r.shape)")
    }

    @Test func resourcesWithFilters() {
        let r = parseRoutesBody("""
        resources "/posts" => Post
        resources "/users" => User only: [list, show]
        resources "/users/:user_id/comments" => Comment except: [delete, update]
        """)
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        let all = r.block.items.compactMap { if case .resources(let d) = $0.kind { d } else { nil } }
        #expect(all.map(\.actions) == [ResourceAction.allCases, [.list, .show], [.list, .show, .create]])
        #expect(all[2].path.parameterNames.map(\.name) == ["user_id"])
    }

    @Test func routesOutsideScopesAndSemicolons() {
        let r = parseRoutesBody("get \"/a\" => page \"a\"; get \"/b\" => page \"b\"\n\nget \"/c\" => page \"c\"")
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        #expect(r.block.items.count == 3)
    }

    @Test func spansCoverTheirItemsAndIDsAreUnique() {
        let source = "scope \"/x\" through a {\n  get \"/:id\" => page \"p\" { u: U.find(id) }\n}"
        let r = parseRoutesBody(source)
        #expect(r.diagnostics.isEmpty)
        guard case .scope(let s) = r.block.items[0].kind, case .route(let route) = s.items[0].kind,
              case .page(let template, let bindings) = route.target.kind else { Issue.record("shape"); return }
        #expect(r.file.text(r.block.items[0].span) == source)
        #expect(r.file.text(s.items[0].span) == "get \"/:id\" => page \"p\" { u: U.find(id) }")
        #expect(r.file.text(template.span) == "\"p\"")
        #expect(r.file.text(bindings[0].query.span) == "U.find(id)")
        let ids = [r.block.items[0].id, s.items[0].id, route.target.id, bindings[0].id, bindings[0].query.id,
                   bindings[0].query.calls[0].id, bindings[0].query.calls[0].arguments[0].id]
        #expect(Set(ids).count == ids.count)
    }
}
