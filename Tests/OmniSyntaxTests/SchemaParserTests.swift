import OmniBase
import Testing
@testable import OmniSyntax

/// One test per construct of `<schema>` blocks, and the schema errors.
@Suite struct SchemaParserTests {
    @Test func entityWithFieldsTypesValidationsAndDefaults() throws {
        let r = parseSchemaBody("""
        entity Post {
          title:  string @min(3) @max(120)
          rating: float? @range(0, 5.5)
          status: Status = draft
          count:  int = -1
          author: User
          tags:   [Tag]
          at:     datetime = now
        }
        """)
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        #expect(r.shape == lines(
            "Schema",
            "  Entity Post",
            "    Field title: string",
            "      Validation @min(3)",
            "      Validation @max(120)",
            "    Field rating: float?",
            "      Validation @range(0, 5.5)",
            "    Field status: Status",
            "      Default draft",
            "    Field count: int",
            "      Default -1",
            "    Field author: User",
            "    Field tags: [Tag]",
            "    Field at: datetime",
            "      Default now"))
        let entity = try #require(r.block.entities.first)
        #expect(entity.closeBrace != nil)
        #expect(entity.fields[0].validations.map(\.kind) == [.min, .max])
        #expect(entity.fields[1].type.unwrapped.kind == .scalar(.float))
        #expect(r.file.text(entity.fields[0].span) == "title:  string @min(3) @max(120)")
    }

    @Test func everyScalarTypeAndValidationParses() {
        let fields = ScalarType.allCases.map { "  f_\($0.rawValue): \($0.rawValue)" }.joined(separator: "\n")
        let r = parseSchemaBody("entity All {\n\(fields)\n  s: string @min(1) @max(2) @range(1, 2) @email @url @pattern(\"x\") @unique @index\n}")
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        #expect(r.block.entities.first?.fields.count == ScalarType.allCases.count + 1)
        #expect(r.block.entities.first?.fields.last?.validations.compactMap(\.kind) == ValidationKind.allCases)
    }

    @Test func fieldsMaySitOnOneLineWithCommas() {
        let r = parseSchemaBody("entity Comment { body: text @min(1), post: Post, author: User }")
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        #expect(r.block.entities.first?.fields.map(\.name.name) == ["body", "post", "author"])
    }

    @Test func viaNamesTheInverseOfAToManyRelation() throws {
        let r = parseSchemaBody("entity User {\n  posts: [Post] via author\n  edits: [Post] via editor @index\n  via: string\n}")
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        let fields = try #require(r.block.entities.first?.fields)
        #expect(fields.map { $0.via?.name } == ["author", "editor", nil])
        #expect(fields.map(\.name.name) == ["posts", "edits", "via"])
        #expect(r.file.text(try #require(fields[0].via).span) == "author")
        #expect(r.dump.contains("Via author"))
    }

    @Test func misplacedViaIsE0787WithARemovalFix() throws {
        let r = parseSchemaBody("entity Post {\n  author: User via posts\n  tags: [Tag] via post via item\n  notes: [Note] via\n  title: string\n}")
        #expect(r.codes == ["E0787", "E0787", "E0787"], "\(r.report)")
        #expect(r.diagnostics[0].message == "`via` belongs to a to-many relation (`[T]`)")
        let fix = try #require(r.diagnostics[0].fixes.first?.edits.first)
        #expect(r.file.text(fix.span) == " via posts")
        #expect(r.diagnostics[1].message == "a to-many relation has one `via`")
        #expect(r.block.entities.first?.fields.map(\.name.name) == ["author", "tags", "notes", "title"])
        #expect(r.block.entities.first?.fields[1].via?.name == "post")
    }

    @Test func enumsWithCommasOrLines() {
        let r = parseSchemaBody("enum Role { admin, member }\nenum Status {\n  draft\n  published\n}")
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        #expect(r.block.enums.map { $0.cases.map(\.name.name) } == [["admin", "member"], ["draft", "published"]])
    }

    @Test func commentsOfBothKindsAreSkipped() {
        let r = parseSchemaBody("# a comment\nentity A { // trailing\n  x: int # another\n}\n// last")
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        #expect(r.block.entities.count == 1)
    }

    @Test func stringEscapesAreDecoded() throws {
        let r = parseSchemaBody(#"entity A { code: string @pattern("^\\d+\"\u{41}$") }"#)
        #expect(r.diagnostics.isEmpty, "\(r.report)")
        let v = try #require(r.block.entities.first?.fields.first?.validations.first)
        #expect(v.arguments.first?.kind == .string(#"^\d+"A$"#))
    }

    @Test func nodeIDsAreUniqueAndSpansInsideTheBlock() {
        let r = parseSchemaBody("entity A {\n  x: int @min(1) = 2\n  y: [B]\n}\nenum E { a, b }")
        var ids: [NodeID] = []
        for e in r.block.entities {
            for f in e.fields {
                ids += [f.id, f.type.id] + f.validations.map(\.id) + f.validations.flatMap { $0.arguments.map(\.id) }
                if let d = f.defaultValue { ids.append(d.id) }
                #expect(r.block.span.contains(f.span))
            }
        }
        ids += r.block.items.map(\.id) + r.block.enums.flatMap { $0.cases.map(\.id) }
        #expect(Set(ids).count == ids.count)
        #expect(!ids.contains(.none))
    }

    // MARK: - errors

    @Test func misspeltKeywordIsSuggestedAndTheEntityStillRead() throws {
        let r = parseSchemaBody("entitty User {\n  name: strng\n}")
        #expect(r.codes == ["E0756", "E0762"], "\(r.report)")
        #expect(r.diagnostics[0].fixes.first?.edits.first?.replacement == "entity")
        #expect(r.diagnostics[1].help == ["did you mean `string`?"])
        #expect(r.block.entities.first?.name.name == "User")
    }

    @Test func missingEntityKeywordBeforeABraceIsInserted() {
        let r = parseSchemaBody("User {\n  name: string\n}")
        #expect(r.codes == ["E0756"], "\(r.report)")
        #expect(r.diagnostics[0].fixes.first?.edits.first?.replacement == "entity ")
        #expect(r.block.entities.count == 1)
    }

    @Test func routesKeywordsInASchemaPointToRoutes() {
        let r = parseSchemaBody("scope \"/\" { get \"/\" => page \"x\" }\nentity A { x: int }")
        #expect(r.codes == ["E0757"], "\(r.report)")
        #expect(r.block.entities.count == 1)
    }

    @Test func missingColonIsInsertedAndTheTypeStillRead() throws {
        let r = parseSchemaBody("entity A {\n  name string @min(2)\n  age: int\n}")
        #expect(r.codes == ["E0761"], "\(r.report)")
        let d = try #require(r.diagnostics.first)
        #expect(d.span.isEmpty && r.file.location(of: Int(d.span.start)).column == 7)
        #expect(d.fixes.first?.edits.first?.replacement == ":")
        #expect(r.block.entities.first?.fields.first?.type.kind == .scalar(.string))
        #expect(r.block.entities.first?.fields.count == 2)
    }

    @Test func typeAliasesAndBadTypes() {
        let r = parseSchemaBody("entity A {\n  a: integer\n  b: boolean\n  c: [string]\n  d: [Post]?\n  e: int??\n  f: [[Post]]\n  g: @min(1)\n}")
        #expect(r.codes == ["E0762", "E0762", "E0763", "E0763", "E0763", "E0763", "E0754"], "\(r.report)")
        #expect(r.diagnostics[0].help == ["omni spells it `int`"])
        #expect(r.diagnostics[1].help == ["omni spells it `bool`"])
    }

    @Test func unknownAndMalformedValidations() {
        let r = parseSchemaBody("""
        entity A {
          a: string @emial
          b: string @required
          c: int @min
          d: int @min("x")
          e: string @email(1)
          f: int @range(10, 1)
          g: int @max(1 @min(2)
          h: string @unique @unique
        }
        """)
        #expect(r.codes == ["E0764", "E0764", "E0765", "E0765", "E0765", "E0765", "E0755", "E0766"], "\(r.report)")
        #expect(r.diagnostics[0].help == ["did you mean `@email`?"])
        #expect(r.diagnostics[1].help == ["fields are required unless their type ends in `?`"])
        #expect(r.diagnostics[5].fixes.first?.edits.count == 2)
    }

    @Test func duplicateAndImplicitFieldsAndEnumProblems() {
        let r = parseSchemaBody("entity A {\n  x: int\n  x: text\n  createdAt: datetime\n}\nenum E { a, a }\nenum F {}\nentity lower { y: int }")
        #expect(r.codes == ["E0768", "E0769", "E0768", "E0770", "E0760"], "\(r.report)")
        #expect(r.diagnostics[0].labels.count == 1)
    }

    @Test func defaultValues() {
        let r = parseSchemaBody("entity A {\n  a: bool =\n  b: int = 1 = 2\n  c: string = \"x\"\n  d: float = 1.5\n  e: int? = null\n}")
        #expect(r.codes == ["E0767", "E0767"], "\(r.report)")
    }

    @Test func missingCloseBraceIsReportedAtTheNextEntityWithALabel() throws {
        let r = parseSchemaBody("entity User {\n  name: string\n\nentity Post {\n  title: string\n}")
        #expect(r.codes == ["E0755"], "\(r.report)")
        let d = try #require(r.diagnostics.first)
        #expect(r.file.location(of: Int(d.span.start)).line == 4)
        #expect(d.labels.map { r.file.text($0.span) } == ["{"])
        #expect(r.block.entities.map(\.name.name) == ["User", "Post"])
        #expect(r.block.entities[0].closeBrace == nil)
    }

    @Test func twoFieldsOnOneLineGetAComma() {
        let r = parseSchemaBody("entity A {\n  x: int y: int\n}")
        #expect(r.codes == ["E0759"], "\(r.report)")
        #expect(r.diagnostics.first?.fixes.first?.edits.first?.replacement == ",")
    }

    @Test func lexicalErrors() {
        let r = parseSchemaBody("entity A {\n  a: string @pattern(\"\\q\")\n  b: int @max(10k)\n  c: string @pattern(\"open\n  d: int @min(99999999999999999999)\n  e: int ^\n}")
        #expect(r.codes == ["E0752", "E0753", "E0751", "E0753", "E0750"], "\(r.report)")
    }

    @Test func everyIndependentErrorIsReported() {
        let r = parseSchemaBody("""
        entity User {
          name strng
          email: string @emial
          id: int
        }
        entitty Post {
          title: string @min()
        }
        """)
        #expect(r.codes == ["E0761", "E0762", "E0764", "E0769", "E0756", "E0765"], "\(r.report)")
    }
}
