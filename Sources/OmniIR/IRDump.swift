import OmniBase
import OmniSema

/// The text of `omni dump --stage ir` and `--stage opt` for one component.
public enum IRDump {
    /// The lowered IR.
    public static func ir(_ c: TypedComponent, file: SourceFile) -> String {
        IRPrinter.print(IRLowering.lower(c, file: file), file: file)
    }

    /// The IR after `Optimizer.optimize` at `level` (0…3), headed by the level.
    public static func opt(_ c: TypedComponent, file: SourceFile, level: Int) -> String {
        let optimized = Optimizer.optimize(IRLowering.lower(c, file: file), level: level)
        return "// opt-level \(level)\n" + IRPrinter.print(optimized, file: file)
    }
}
