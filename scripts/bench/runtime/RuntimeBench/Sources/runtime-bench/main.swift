// runtime-bench: ECS, reactive and HTML figures, each beside its baseline from the same run.
//   runtime-bench [--quick] [ecs|reactive|html ...]

let arguments = CommandLine.arguments.dropFirst()
let quick = arguments.contains("--quick")
let selected = Set(arguments.filter { !$0.hasPrefix("--") })
func wants(_ name: String) -> Bool { selected.subtracting(["ecs-profile"]).isEmpty && !selected.contains("ecs-profile") || selected.contains(name) }

opaqueOne = arguments.count > 1_000 ? 3 : 1  // known only at run time
if wants("ecs") { runECSBenchmarks(quick: quick) }
if wants("reactive") { runReactiveBenchmarks(quick: quick) }
if wants("html") { runHTMLBenchmarks(quick: quick) }
if selected.contains("ecs-profile") { runECSProfile() }
print("(checksum \(sink) \(busySink))")
