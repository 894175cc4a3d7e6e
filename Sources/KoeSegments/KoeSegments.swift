// KoeSegments
