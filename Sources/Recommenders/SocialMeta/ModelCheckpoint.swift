import Foundation
import MetaLearning
import SocialGraph

/// The on-disk form of a trained `SocialMetaModel`, self-checking:
///
///     "SRCK" | format version (UInt32) | checksum (UInt64, FNV-1a of everything after it)
///     | header length (UInt32) | header (JSON) | parameters (Float32) | inner rates (Float32)
///     | collaborative item factors (Float32)
///
/// all little-endian. The header carries the configuration, λ, the influence scorer, the array
/// sizes and the fingerprint of the dataset the model was trained on.
public enum ModelCheckpoint {
    public static let formatVersion: UInt32 = 3
    static let magic = Array("SRCK".utf8)

    public struct Header: Codable, Sendable {
        public var configuration: SocialMetaConfiguration
        public var datasetFingerprint: String
        public var itemCount: Int
        public var parameterCount: Int
        public var innerRateCount: Int
        public var contextWeight: Float
        public var influence: InfluenceScorer
        public var validationHistory: [Double]
        /// The collaborative prior's item factors: width (0 for none), λ and α.
        public var collaborativeWidth: Int
        public var collaborativeRegularisation: Float
        public var collaborativeConfidence: Float
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case notACheckpoint
        case unsupportedVersion(UInt32)
        case corrupted(String)
        case otherDataset(trainedOn: String, database: String)

        public var description: String {
            switch self {
            case .notACheckpoint: return "not a socialrec checkpoint"
            case .unsupportedVersion(let v):
                return "checkpoint format version \(v) is not supported (this socialrec reads version \(ModelCheckpoint.formatVersion)); train again"
            case .corrupted(let why): return "checkpoint is corrupted (\(why)); train again"
            case .otherDataset(let trained, let database):
                return "checkpoint was trained on another dataset (fingerprint \(trained); this database's is \(database)); train on this database first"
            }
        }
    }

    public static func encode(_ model: SocialMetaModel, datasetFingerprint: String, validationHistory: [Double] = []) throws -> Data {
        let header = Header(configuration: model.configuration, datasetFingerprint: datasetFingerprint,
                            itemCount: model.learner.model.itemCount, parameterCount: model.learner.model.parameters.count,
                            innerRateCount: model.learner.innerRates.count, contextWeight: model.learner.contextWeight,
                            influence: model.influence, validationHistory: validationHistory,
                            collaborativeWidth: model.collaborative?.width ?? 0,
                            collaborativeRegularisation: model.collaborative?.regularisation ?? 0,
                            collaborativeConfidence: model.collaborative?.confidence ?? 0)
        let json = try JSONEncoder.reproducible().encode(header)
        var body = Data()
        append(UInt32(json.count), to: &body)
        body.append(json)
        for array in [model.learner.model.parameters, model.learner.innerRates, model.collaborative?.items ?? []] {
            array.withUnsafeBytes { body.append(contentsOf: $0) }  // Float32, little-endian on every supported machine
        }
        var out = Data(magic)
        append(formatVersion, to: &out)
        append(checksum(body), to: &out)
        out.append(body)
        return out
    }

    /// Reads a checkpoint, refusing a damaged one or one trained on another dataset.
    public static func decode(_ data: Data, expectedFingerprint: String) throws -> (model: SocialMetaModel, header: Header) {
        let bytes = [UInt8](data)
        guard bytes.count >= 20, Array(bytes[0..<4]) == magic else { throw Failure.notACheckpoint }
        let version: UInt32 = read(bytes, at: 4)
        guard version == formatVersion else { throw Failure.unsupportedVersion(version) }
        let stored: UInt64 = read(bytes, at: 8)
        let body = Array(bytes[16...])
        guard checksum(body) == stored else { throw Failure.corrupted("checksum mismatch") }
        let headerLength = Int(read(body, at: 0) as UInt32)
        guard body.count >= 4 + headerLength else { throw Failure.corrupted("truncated header") }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: Data(body[4..<(4 + headerLength)])) } catch {
            throw Failure.corrupted("unreadable header")
        }
        guard header.datasetFingerprint == expectedFingerprint else {
            throw Failure.otherDataset(trainedOn: header.datasetFingerprint, database: expectedFingerprint)
        }
        if let violation = header.boundsViolation() { throw Failure.corrupted(violation) }
        let floats = 4 + headerLength
        let factorCount = header.itemCount * header.collaborativeWidth
        guard body.count == floats + 4 * (header.parameterCount + header.innerRateCount + factorCount) else {
            throw Failure.corrupted("wrong size")
        }
        func load(_ count: Int, at offset: Int) -> [Float] {
            body.withUnsafeBytes { raw in (0..<count).map { raw.loadUnaligned(fromByteOffset: offset + 4 * $0, as: Float.self) } }
        }
        let rates = floats + 4 * header.parameterCount, factorsStart = rates + 4 * header.innerRateCount
        let collaborative = header.collaborativeWidth == 0 ? nil
            : ALSFactors(itemFactors: load(factorCount, at: factorsStart), itemCount: header.itemCount, width: header.collaborativeWidth,
                         regularisation: header.collaborativeRegularisation, confidence: header.collaborativeConfidence)
        var model = SocialMetaModel(configuration: header.configuration, itemCount: header.itemCount, collaborative: collaborative)
        guard model.learner.model.parameters.count == header.parameterCount,
              model.learner.innerRates.count == header.innerRateCount else { throw Failure.corrupted("shape does not match its configuration") }
        model.learner.model.parameters = load(header.parameterCount, at: floats)
        model.learner.innerRates = load(header.innerRateCount, at: rates)
        guard model.learner.model.parameters.allSatisfy(\.isFinite), model.learner.innerRates.allSatisfy(\.isFinite),
              collaborative?.items.allSatisfy(\.isFinite) ?? true else {
            throw Failure.corrupted("it holds parameters that are not finite numbers")
        }
        model.learner.contextWeight = header.contextWeight
        model.influence = header.influence
        return (model, header)
    }

    public static func checksum<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var hasher = FNV1a()
        hasher.combine(bytes: bytes)
        return hasher.value
    }

    static func append<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    static func read<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int) -> T {
        bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }
}
