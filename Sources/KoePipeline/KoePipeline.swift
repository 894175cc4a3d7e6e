// KoePipeline
