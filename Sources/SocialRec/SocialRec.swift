// The umbrella module: `import SocialRec` gives every public module of the toolkit, and the small
// API in this module (`SocialDataset.read`, `SocialRecommender`) for the three jobs a Swift user
// has: load a dataset, train or load a model, recommend and evaluate.
@_exported import Evaluation
@_exported import GraphFeatures
@_exported import GraphvizExport
@_exported import MetaLearning
@_exported import RecData
@_exported import Recommenders
@_exported import SocialGraphModule
@_exported import Store
