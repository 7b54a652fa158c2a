// runtime-bench: ECS, reactive and HTML figures, each beside its baseline from the same run.
//   runtime-bench [--quick] [ecs|reactive|html ...]

let arguments = CommandLine.arguments.dropFirst()
let quick = arguments.contains("--quick")
let selected = Set(arguments.filter { !$0.hasPrefix("--") })
func wants(_ name: String) -> Bool { selected.isEmpty || selected.contains(name) }

if wants("ecs") { runECSBenchmarks(quick: quick) }
if wants("reactive") { runReactiveBenchmarks(quick: quick) }
if wants("html") { runHTMLBenchmarks(quick: quick) }
print("(checksum \(sink))")
