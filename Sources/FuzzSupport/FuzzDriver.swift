import Foundation

/// Runs a fuzz target. Built with `-sanitize=fuzzer -DFUZZING` (scripts/fuzz.sh) it hands
/// the body to libFuzzer, which mutates inputs until the body crashes or time runs out.
/// In a normal build it replays the files (or folders of files) named on the command line
/// once each, so a crashing input found earlier can be rerun under the debugger.
public enum FuzzDriver {
    /// libFuzzer calls back through a C function pointer, which cannot capture: the body waits here.
    nonisolated(unsafe) static var body: ((UnsafeRawBufferPointer) -> Void)?

    public static func run(_ body: @escaping (UnsafeRawBufferPointer) -> Void) -> Never {
        Self.body = body
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, count in
            FuzzDriver.body!(UnsafeRawBufferPointer(start: data, count: count))
            return 0
        })
        #else
        var inputs: [URL] = []
        for path in CommandLine.arguments.dropFirst() where !path.hasPrefix("-") {
            let url = URL(fileURLWithPath: path)
            if let names = try? FileManager.default.contentsOfDirectory(atPath: path) {
                inputs += names.sorted().map { url.appendingPathComponent($0) }
            } else {
                inputs.append(url)
            }
        }
        for url in inputs {
            guard let data = try? Data(contentsOf: url) else { continue }
            data.withUnsafeBytes { body($0) }
        }
        print("replayed \(inputs.count) inputs, no crash")
        exit(0)
        #endif
    }

    /// Stops the fuzzer with a finding when an invariant does not hold.
    public static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("invariant broken: \(message())") }
    }
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt
#endif
