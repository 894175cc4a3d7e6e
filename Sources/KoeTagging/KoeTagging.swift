// KoeTagging
