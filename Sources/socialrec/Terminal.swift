import ArgumentParser
import Foundation
import RecData

/// Everything the CLI writes besides results: errors and progress, on standard error.
enum Terminal {
    static let isInteractive = isatty(STDERR_FILENO) == 1

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("socialrec: \(message)\n".utf8))
    }

    /// Runs `body`, turning the library's errors into one line on standard error and exit status 1.
    static func reportingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let exit as ExitCode {
            throw exit
        } catch let error as CocoaError {
            // A file the system would not read or write: its path and the reason, not a domain and code.
            clearProgress()
            let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? error.url?.path ?? "a file"
            Terminal.error("\(path): \(OutputError.reason(error))")
            throw ExitCode.failure
        } catch {
            clearProgress()
            Terminal.error(String(describing: error))
            throw ExitCode.failure
        }
    }

    /// A line of results on standard output, written at once: `print` is fully buffered when the
    /// output is a file or a pipe, and `socialrec train > log` would show nothing until the end.
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    nonisolated(unsafe) private static var lastProgress = Date.distantPast
    nonisolated(unsafe) private static var showingProgress = false

    /// A progress line redrawn at most ten times a second, only on a terminal.
    static func progress(_ text: @autoclosure () -> String) {
        guard isInteractive else { return }
        let now = Date()
        guard now.timeIntervalSince(lastProgress) > 0.1 else { return }
        lastProgress = now
        showingProgress = true
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text())".utf8))
    }

    /// A step of long work (evaluate's "seed 1: item-knn at k = 3"): the progress line on a
    /// terminal; piped, one line each, so that a log shows where the work is as it happens.
    static func stage(_ text: String) {
        guard isInteractive else {
            FileHandle.standardError.write(Data("\(text)\n".utf8))
            return
        }
        progress(text)
    }

    static func clearProgress() {
        guard showingProgress else { return }
        showingProgress = false
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

extension Terminal {
    /// Text from a user's file, safe to print on a terminal: control characters (escape codes,
    /// tabs, newlines) shown escaped, and at most 80 characters with the full length said.
    static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(80) {
            if scalar.properties.generalCategory == .control || scalar == "\u{7F}" {
                out += scalar.escaped(asASCII: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        let count = text.unicodeScalars.count
        return count > 80 ? out + "… (\(count) characters)" : out
    }
}

extension Int {
    /// 12,345: counts read at a glance.
    var grouped: String {
        let digits = String(abs(self))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return self < 0 ? "-" + out : out
    }
}
