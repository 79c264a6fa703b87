import Foundation

/// Where a command writes a file a person named: checked before the work, written whole or not at
/// all, through a symbolic link rather than over it, and `-` for standard output.
public enum OutputFile {
    /// Throws a sentence unless `path` can be written: its folder exists and it is not a folder.
    /// - Parameters:
    ///   - path: The path as the person gave it; `-` (standard output) always passes.
    ///   - option: The option that named it, such as `--out`, for the message.
    /// - Throws: `OutputError` when `path` is a folder, or when the folder it would go in does not exist (or is a file).
    ///   Permissions are not checked.
    public static func check(_ path: String, option: String) throws {
        guard path != "-" else { return }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw OutputError(path: path, reason: "is a folder; \(option) takes a file")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputError(path: path, reason: "its folder \(folder) does not exist")
        }
    }

    /// Writes `data` to `path`: `-` is standard output; a link is followed and its target written;
    /// a device or pipe is written in place; a regular file is replaced atomically (a temporary file
    /// in the same folder, then a rename), so a failed write leaves the old file.
    /// - Parameters:
    ///   - data: The file's whole contents.
    ///   - path: The path as the person gave it, or `-` for standard output.
    /// - Throws: `OutputError`, naming `path` as given rather than a link's target, when a device or pipe cannot be opened
    ///   or the write or the rename fails, with the reason in a few words (`OutputError.reason(_:)`). Writing to standard
    ///   output throws nothing.
    public static func write(_ data: Data, to path: String) throws {
        if path == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        let target = linkTarget(path)
        let attributes = try? FileManager.default.attributesOfItem(atPath: target.path)
        do {
            if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
                guard let handle = FileHandle(forWritingAtPath: target.path) else {
                    throw OutputError(path: path, reason: "cannot be opened for writing")
                }
                defer { try? handle.close() }
                try handle.write(contentsOf: data)
            } else {
                try data.write(to: target, options: .atomic)
            }
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError(path: path, reason: OutputError.reason(error))
        }
    }
}

extension OutputFile {
    /// The file a chain of links ends at, existing or not (a link to a file yet to be written is
    /// followed too).
    static func linkTarget(_ path: String) -> URL {
        var url = URL(fileURLWithPath: path)
        for _ in 0..<40 {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) else { break }
            url = URL(fileURLWithPath: destination, relativeTo: url.deletingLastPathComponent()).standardizedFileURL
        }
        return url
    }
}

/// A file that cannot be written where a person asked, reported as `path: reason`.
public struct OutputError: Error, CustomStringConvertible, Equatable {
    /// The path as the person gave it (not the target of a link).
    public var path: String
    /// What is wrong, in a few words.
    public var reason: String

    /// A failure to write `path`.
    /// - Parameters:
    ///   - path: The path as given.
    ///   - reason: What is wrong.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// The one-line report: `path: reason`.
    public var description: String { "\(path): \(reason)" }

    /// A Foundation file error as a few words (the POSIX reason where there is one), not its domain
    /// and code.
    public static func reason(_ error: Error) -> String {
        var isDirectory: ObjCBool = false
        if let path = (error as NSError).userInfo[NSFilePathErrorKey] as? String,
           FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "is a folder, not a file"
        }
        if let path = (error as NSError).userInfo[NSFilePathErrorKey] as? String {
            // A file where the path needs a folder: "report.html/x".
            var ancestor = URL(fileURLWithPath: path).deletingLastPathComponent()
            while ancestor.path != "/" && !ancestor.path.isEmpty {
                if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) {
                    if !isDirectory.boolValue { return "\(ancestor.relativePath) is a file, not a folder" }
                    break
                }
                ancestor.deleteLastPathComponent()
            }
        }
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let posix = underlying, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code))).lowercased()
        }
        switch (error as? CocoaError)?.code {
        case .fileNoSuchFile?, .fileReadNoSuchFile?: return "no such file or folder"
        case .fileReadNoPermission?, .fileWriteNoPermission?: return "permission denied"
        case .fileWriteOutOfSpace?: return "no space left on the device"
        case .fileWriteVolumeReadOnly?: return "the file system is read-only"
        default: return "cannot be read or written"
        }
    }
}
