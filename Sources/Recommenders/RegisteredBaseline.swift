/// A baseline as the method registry (`Method`, in Evaluation) lists, tunes and serves it. All the
/// registry needs is here, so a baseline's own file says everything about it: its name, the settings
/// tried on validation users, the one it serves with and its constructor. Conforming is the whole
/// registration: the BaselineRegistry build plugin finds every conforming type in this module and
/// `Method.baselines` lists them.
public protocol RegisteredBaseline: Recommender {
    /// One setting of the method; its description labels it in progress lines and among the chosen
    /// configurations of the results.
    associatedtype Configuration: CustomStringConvertible & Sendable

    /// The name on the command line and in results, such as "item-knn"; also each instance's `name`.
    static var methodName: String { get }
    /// The settings compared on validation users, in order: on equal scores the earlier one wins, and with
    /// one there is no tuning.
    static var grid: [Configuration] { get }
    /// The setting it is served with (`recommend --method`, `predict --method`) and built with by default.
    static var defaultConfiguration: Configuration { get }
    /// Whether it reads item features: the registry runs it only on datasets that have them.
    static var needsItemFeatures: Bool { get }
    /// Where it stands among the baselines in tables and in `--methods`' help, lowest first, equal
    /// positions by name: the simple rankers a reader compares against first, learned ones after.
    static var listPosition: Int { get }

    /// The method fitted on `data` with one setting.
    /// - Parameters:
    ///   - data: everything the method may learn from and look at.
    ///   - configuration: the setting, one of `grid` under the protocol.
    ///   - seed: for the method's own random draws, so that the same seed fits the same model; ignored by the
    ///     methods that draw nothing.
    init(_ data: VisibleData, configuration: Configuration, seed: UInt64)
}

extension RegisteredBaseline {
    /// The registry's name for the method.
    public var name: String { Self.methodName }
    /// Most baselines read interactions and the graph only.
    public static var needsItemFeatures: Bool { false }
    /// After the baselines that say where they stand, by name.
    public static var listPosition: Int { 1_000 }
}

/// The one setting of a method with nothing to tune.
public struct Untuned: Sendable, CustomStringConvertible, Equatable {
    /// The only setting there is.
    public init() {}
    /// "default", as the results list it.
    public var description: String { "default" }
}
