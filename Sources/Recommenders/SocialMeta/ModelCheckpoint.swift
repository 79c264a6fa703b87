import Foundation
import MetaLearning
import SocialGraphModule

/// The on-disk form of a trained `SocialMetaModel`, self-checking:
///
///     "SRCK" | format version (UInt32) | checksum (UInt64, FNV-1a of everything after it)
///     | header length (UInt32) | header (JSON) | parameters (Float32) | inner rates (Float32)
///     | collaborative item factors (Float32) | newcomers' parameters and inner rates (Float32)
///
/// all little-endian. The header carries the configuration, λ, the influence scorer, the array
/// sizes and the fingerprint of the dataset the model was trained on.
public enum ModelCheckpoint {
    /// The layout version written, and the only one read: a checkpoint of another version must be trained again.
    public static let formatVersion: UInt32 = 7
    static let magic = Array("SRCK".utf8)

    /// The JSON header: what the model is rebuilt from, and the sizes of the arrays after it.
    public struct Header: Codable, Sendable {
        /// The settings the model was trained with; they fix its shape.
        public var configuration: SocialMetaConfiguration
        /// The training dataset's fingerprint; `decode` refuses a checkpoint of another dataset.
        public var datasetFingerprint: String
        /// Number of items in the catalogue the model scores.
        public var itemCount: Int
        /// How many Float32 parameters follow the header.
        public var parameterCount: Int
        /// How many Float32 inner-loop rates follow the parameters.
        public var innerRateCount: Int
        /// λ as learned: the weight of friends' context sets in the inner loss.
        public var contextWeight: Float
        /// The learned influence scorer.
        public var influence: InfluenceScorer
        /// Mean validation NDCG@10 after each epoch (epoch 0 the untrained prior), kept for the record.
        public var validationHistory: [Double]
        /// The collaborative prior's item factors: width (0 for none), λ and α.
        public var collaborativeWidth: Int
        /// λ of the ALS model behind the collaborative prior.
        public var collaborativeRegularisation: Float
        /// α of the ALS model behind the collaborative prior.
        public var collaborativeConfidence: Float
        /// The model for people with no known items, when it is not this one.
        public var newcomers: Newcomers?
    }

    /// The header of `SocialMetaModel.newcomers`: it shares the item count and ALS factors.
    public struct Newcomers: Codable, Sendable {
        /// The settings of the newcomers' model.
        public var configuration: SocialMetaConfiguration
        /// How many of its Float32 parameters follow the collaborative factors.
        public var parameterCount: Int
        /// How many of its Float32 inner-loop rates follow its parameters.
        public var innerRateCount: Int
        /// Its learned λ.
        public var contextWeight: Float
        /// Its learned influence scorer.
        public var influence: InfluenceScorer
    }

    /// Why a checkpoint could not be read.
    public enum Failure: Error, CustomStringConvertible, Equatable {
        /// The data is shorter than a header or does not start with "SRCK".
        case notACheckpoint
        /// The checkpoint has another format version (the one given) than `formatVersion`.
        case unsupportedVersion(UInt32)
        /// The checksum, a size, the header or a value is wrong; the text says which.
        case corrupted(String)
        /// The model was trained on a dataset with another fingerprint than the database's.
        case otherDataset(trainedOn: String, database: String)

        /// A sentence for the command line, saying what to do about it.
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

    /// Writes `model` in the layout above, checksum included.
    /// - Parameters:
    ///   - model: the trained model, with its newcomers' model if any.
    ///   - datasetFingerprint: the fingerprint of the dataset it was trained on.
    ///   - validationHistory: the mean validation score after each epoch, for the record.
    /// - Returns: The checkpoint's bytes.
    /// - Throws: An `EncodingError` when the header cannot be written as JSON (a non-finite λ or
    ///   influence weight, say).
    public static func encode(_ model: SocialMetaModel, datasetFingerprint: String, validationHistory: [Double] = []) throws -> Data {
        let header = Header(configuration: model.configuration, datasetFingerprint: datasetFingerprint,
                            itemCount: model.learner.model.itemCount, parameterCount: model.learner.model.parameters.count,
                            innerRateCount: model.learner.innerRates.count, contextWeight: model.learner.contextWeight,
                            influence: model.influence, validationHistory: validationHistory,
                            collaborativeWidth: model.collaborative?.width ?? 0,
                            collaborativeRegularisation: model.collaborative?.regularisation ?? 0,
                            collaborativeConfidence: model.collaborative?.confidence ?? 0,
                            newcomers: model.newcomers.map {
                                Newcomers(configuration: $0.configuration, parameterCount: $0.parameters.count,
                                          innerRateCount: $0.innerRates.count, contextWeight: $0.contextWeight, influence: $0.influence)
                            })
        let json = try JSONEncoder.reproducible().encode(header)
        var body = Data()
        append(UInt32(json.count), to: &body)
        body.append(json)
        for array in [model.learner.model.parameters, model.learner.innerRates, model.collaborative?.items ?? [],
                      model.newcomers?.parameters ?? [], model.newcomers?.innerRates ?? []] {
            array.withUnsafeBytes { body.append(contentsOf: $0) }  // Float32, little-endian on every supported machine
        }
        var out = Data(magic)
        append(formatVersion, to: &out)
        append(checksum(body), to: &out)
        out.append(body)
        return out
    }

    /// Reads a checkpoint, refusing a damaged one or one trained on another dataset.
    /// - Parameters:
    ///   - data: the checkpoint's bytes, as `encode` wrote them.
    ///   - expectedFingerprint: the fingerprint of the dataset the model is to serve; a checkpoint of another is refused.
    /// - Returns: The model, with its newcomers' model and ALS factors when it has them, and the header it was read from.
    /// - Throws: A `Failure`: `.notACheckpoint` when the data is shorter than 20 bytes or does not start with "SRCK";
    ///   `.unsupportedVersion` for another format version; `.otherDataset` when the fingerprints differ; `.corrupted`
    ///   for a checksum mismatch, a truncated or unreadable header, a header field out of bounds, arrays of the wrong
    ///   size or shape for the configuration, or a parameter that is not finite.
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
        let newcomerCount = header.newcomers.map { $0.parameterCount + $0.innerRateCount } ?? 0
        guard body.count == floats + 4 * (header.parameterCount + header.innerRateCount + factorCount + newcomerCount) else {
            throw Failure.corrupted("wrong size")
        }
        var offset = floats
        func load(_ count: Int) -> [Float] {
            defer { offset += 4 * count }
            return body.withUnsafeBytes { raw in (0..<count).map { raw.loadUnaligned(fromByteOffset: offset + 4 * $0, as: Float.self) } }
        }
        let parameters = load(header.parameterCount), innerRates = load(header.innerRateCount), factors = load(factorCount)
        let collaborative = header.collaborativeWidth == 0 ? nil
            : ALSFactors(itemFactors: factors, itemCount: header.itemCount, width: header.collaborativeWidth,
                         regularisation: header.collaborativeRegularisation, confidence: header.collaborativeConfidence)
        var model = try assemble(configuration: header.configuration, itemCount: header.itemCount, collaborative: collaborative,
                                 parameters: parameters, innerRates: innerRates, contextWeight: header.contextWeight,
                                 influence: header.influence)
        if let n = header.newcomers {
            let newcomers = try assemble(configuration: n.configuration, itemCount: header.itemCount, collaborative: collaborative,
                                         parameters: load(n.parameterCount), innerRates: load(n.innerRateCount),
                                         contextWeight: n.contextWeight, influence: n.influence)
            model.newcomers = SocialMetaModel.NewcomerModel(newcomers)
        }
        guard collaborative?.items.allSatisfy(\.isFinite) ?? true else { throw Failure.corrupted("it holds parameters that are not finite numbers") }
        return (model, header)
    }

    /// A model from its configuration and arrays, refusing arrays that do not fit the configuration.
    private static func assemble(
        configuration: SocialMetaConfiguration, itemCount: Int, collaborative: ALSFactors?, parameters: [Float], innerRates: [Float],
        contextWeight: Float, influence: InfluenceScorer
    ) throws -> SocialMetaModel {
        var model = SocialMetaModel(configuration: configuration, itemCount: itemCount, collaborative: collaborative)
        guard model.learner.model.parameters.count == parameters.count, model.learner.innerRates.count == innerRates.count else {
            throw Failure.corrupted("shape does not match its configuration")
        }
        guard parameters.allSatisfy(\.isFinite), innerRates.allSatisfy(\.isFinite) else {
            throw Failure.corrupted("it holds parameters that are not finite numbers")
        }
        model.learner.model.parameters = parameters
        model.learner.innerRates = innerRates
        model.learner.contextWeight = contextWeight
        model.influence = influence
        return model
    }

    /// FNV-1a (64 bits) of `bytes`: the checksum a checkpoint stores over everything after it.
    /// - Parameters:
    ///   - bytes: the bytes to hash.
    /// - Returns: The 64-bit hash.
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
