import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

// What the robustness tests share: a process run and how it ended, the readers a file can go
// to, and a workspace whose database must come through a failed command byte for byte.

/// How a process ended and what it printed.
struct ProcessRun {
    enum Ending: Equatable, CustomStringConvertible {
        case exit(Int32)
        case signal(Int32)

        var description: String {
            switch self {
            case .exit(let status): return "exit status \(status)"
            case .signal(let signal): return "killed by signal \(signal)"
            }
        }
    }

    var ending: Ending
    var stdout: String
    var stderr: String

    var status: Int32? { if case .exit(let status) = ending { return status } else { return nil } }
    /// Exited by itself (not killed by a signal, as a crash or a trap is) with status 0 or 1.
    var endedCleanly: Bool { ending == .exit(0) || ending == .exit(1) }
}

/// Runs programs with posix_spawn and waitpid: Foundation's `Process` polls for the child's end
/// every 50 ms, which hundreds of short runs feel, and cannot be asked whether a child is still
/// running without racing its reaper.
enum Runner {
    struct SpawnError: Error, CustomStringConvertible {
        var executable: String
        var code: Int32
        var description: String { "cannot run \(executable): \(String(cString: strerror(code)))" }
    }

    /// A started child whose standard output and error go to temporary files.
    struct Child {
        let pid: pid_t
        let out: String, err: String

        /// Waits for the end (or, with `block: false`, returns nil while it still runs) and collects the output.
        func wait(block: Bool = true) -> ProcessRun? {
            var status: Int32 = 0
            var reaped: pid_t
            repeat { reaped = waitpid(pid, &status, block ? 0 : WNOHANG) } while reaped < 0 && errno == EINTR
            guard reaped == pid else { return nil }
            defer { unlink(out); unlink(err) }
            let ending: ProcessRun.Ending = status & 0x7F == 0 ? .exit((status >> 8) & 0xFF) : .signal(status & 0x7F)
            func read(_ path: String) -> String {
                String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            }
            return ProcessRun(ending: ending, stdout: read(out), stderr: read(err))
        }
    }

    /// glibc's posix_spawn_file_actions_addchdir_np (2.29 and later), which its headers show only to
    /// _GNU_SOURCE builds.
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    static let addChdir: AddChdir? = dlsym(nil, "posix_spawn_file_actions_addchdir_np").map { unsafeBitCast($0, to: AddChdir.self) }

    static func start(_ executable: String, _ arguments: [String], in directory: URL) throws -> Child {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("robust-\(UUID().uuidString)").path
        let out = base + ".out", err = base + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard let addChdir = Self.addChdir, addChdir(&actions, directory.path) == 0 else {
            throw SpawnError(executable: executable, code: ENOSYS)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        var pid = pid_t()
        let code = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard code == 0 else { throw SpawnError(executable: executable, code: code) }
        return Child(pid: pid, out: out, err: err)
    }

    /// Runs `executable arguments…` in `directory` with standard input closed, and waits for it.
    static func run(_ executable: String, _ arguments: [String], in directory: URL) throws -> ProcessRun {
        try start(executable, arguments, in: directory).wait()!
    }

    static func socialrec(_ arguments: [String], in directory: URL) throws -> ProcessRun {
        try run(CLI.binary.path, arguments, in: directory)
    }
}

/// The readers a file can go to, as `socialrec import` options.
enum Reader: String, CaseIterable, CustomStringConvertible {
    case graph, interactions, ratings, items

    /// `items` goes with a good interactions file (`--items` needs `--interactions`).
    func arguments(_ file: String) -> [String] {
        switch self {
        case .graph: return ["--graph", file]
        case .interactions: return ["--interactions", file]
        case .ratings: return ["--interactions", file, "--rating-range", "1:5"]
        case .items: return ["--interactions", Workspace.goodInteractions, "--items", file]
        }
    }

    var description: String { rawValue }
}

/// A temporary directory whose `kept.db` already holds a small dataset, to show that a failed import
/// leaves a database exactly as it was, byte for byte.
struct Workspace {
    static let goodInteractions = "good-interactions.tsv"
    let dir: TemporaryDirectory
    let statsBefore: String
    let bytesBefore: Data
    var url: URL { dir.url }

    init() throws {
        dir = try TemporaryDirectory()
        try dir.write("good-edges.tsv", "a\tb\nb\tc\n")
        try dir.write(Self.goodInteractions, "user\titem\trating\na\tx\t4\nb\ty\t2\n")
        let imported = try Runner.socialrec(["import", "--graph", "good-edges.tsv", "--interactions", Self.goodInteractions,
                                             "--db", "kept.db"], in: dir.url)
        guard imported.status == 0 else { throw SetupError(stderr: imported.stderr) }
        statsBefore = try Runner.socialrec(["stats", "--json", "--db", "kept.db"], in: dir.url).stdout
        bytesBefore = try Data(contentsOf: dir.url.appendingPathComponent("kept.db"))
    }

    struct SetupError: Error { var stderr: String }

    func write(_ name: String, _ text: String) throws { try dir.write(name, text) }
    func write(_ name: String, bytes: [UInt8]) throws { _ = try dir.write(name, bytes: bytes) }
    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: dir.path(name)) }

    /// Imports `file` through `reader`, into a fresh database and with `--replace` into `kept.db`, and
    /// expects `socialrec: <message>` and status 1 both times, with neither database touched.
    func expectRejected(
        _ file: String, by reader: Reader, _ message: String, extra: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for (db, replace) in [("fresh.db", false), ("kept.db", true)] {
            let arguments = ["import"] + reader.arguments(file) + extra + ["--db", db] + (replace ? ["--replace"] : [])
            let result = try Runner.socialrec(arguments, in: url)
            #expect(result.ending == .exit(1), "\(reader): \(result.ending)", sourceLocation: sourceLocation)
            #expect(result.stderr == "socialrec: \(message)\n", "\(reader) → \(db)", sourceLocation: sourceLocation)
            #expect(result.stdout.isEmpty, "\(reader): \(result.stdout)", sourceLocation: sourceLocation)
        }
        #expect(!exists("fresh.db") && !exists("fresh.db-wal"), "\(reader): a database was created", sourceLocation: sourceLocation)
        #expect(try Data(contentsOf: url.appendingPathComponent("kept.db")) == bytesBefore,
                "\(reader): kept.db changed", sourceLocation: sourceLocation)
        #expect(!exists("kept.db-wal") && !exists("kept.db-journal"), "\(reader): kept.db was opened", sourceLocation: sourceLocation)
    }

    /// Imports into a fresh database `db` and expects success; returns the summary without its last
    /// line (which has the time taken).
    func expectAccepted(_ arguments: [String], db: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let result = try Runner.socialrec(["import"] + arguments + ["--db", db], in: url)
        #expect(result.ending == .exit(0), "\(result.ending): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.isEmpty, sourceLocation: sourceLocation)
        var lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.last?.hasPrefix("database      \(db): ") == true, sourceLocation: sourceLocation)
        if !lines.isEmpty { lines.removeLast() }
        return lines
    }

    func stats(_ db: String) throws -> [String: Any] {
        let result = try Runner.socialrec(["stats", "--json", "--db", db], in: url)
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    /// `kept.db` still reads as it did, then the directory goes.
    func finish(sourceLocation: SourceLocation = #_sourceLocation) throws {
        defer { dir.cleanUp() }
        #expect(try Runner.socialrec(["stats", "--json", "--db", "kept.db"], in: url).stdout == statsBefore, sourceLocation: sourceLocation)
    }
}

/// Runs the CLI as a user that permission bits apply to.
enum Unprivileged {
    static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Not root; or root that setpriv can turn into `nobody` (65534), tried once on /bin/true.
    static let available: Bool = {
        if getuid() != 0 { return true }
        guard let setpriv, let tmp = try? TemporaryDirectory() else { return false }
        defer { tmp.cleanUp() }
        let probe = try? Runner.run(setpriv, dropArguments + ["/bin/true"], in: tmp.url)
        return probe?.ending == .exit(0)
    }()

    static let dropArguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "--"]

    static func socialrec(_ arguments: [String], in directory: URL) throws -> ProcessRun {
        if getuid() != 0 { return try Runner.socialrec(arguments, in: directory) }
        return try Runner.run(setpriv!, dropArguments + [CLI.binary.path] + arguments, in: directory)
    }
}
