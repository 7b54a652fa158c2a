import OmniBase
import Testing

@Suite struct TerminalColorTests {
    @Test(arguments: [
        (true, [:], true),
        (false, [:], false),
        (true, ["NO_COLOR": "1"], false),
        (true, ["NO_COLOR": ""], true),
        (false, ["CLICOLOR_FORCE": "1"], true),
        (false, ["CLICOLOR_FORCE": "0"], false),
        (false, ["FORCE_COLOR": "1"], true),
        (true, ["FORCE_COLOR": "0"], false),
        (true, ["FORCE_COLOR": "false"], false),
        (false, ["FORCE_COLOR": "1", "NO_COLOR": "1"], false),
        (true, ["TERM": "dumb"], false),
        (false, ["TERM": "dumb", "CLICOLOR_FORCE": "1"], true),
        (true, ["CLICOLOR": "0"], false),
        (true, ["TERM": "xterm-256color"], true),
    ] as [(Bool, [String: String], Bool)])
    func shouldColor(isTTY: Bool, environment: [String: String], expected: Bool) {
        #expect(TerminalColor.shouldColor(isTTY: isTTY, environment: environment) == expected)
    }
}
