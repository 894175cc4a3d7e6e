// KoeAnalysis
