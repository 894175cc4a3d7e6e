// OpinionAnalyzer — the per-opinion analysis of a run: segments, tokenizing, tagging, type and horizon, and what
// only `koe run` needs (near-duplicate signature, quote candidate). Runs on every core through BatchProcessor.
import KoeCore
import KoeQuotes
import KoeTagging
import KoeText

/// Segments, tokenizing, tagging and classification of one opinion. Immutable and shared by workers.
struct OpinionAnalyzer: OpinionAnalyzing {
    let tagger: Tagger
    let classifier: OpinionClassifier
    var questions: QuestionTypes = .standard
    let segments: SegmentCache
    /// Words kept whole when tokenizing.
    var words: WordLexicon = .empty
    var keepTokens = false
    /// Computes what only `koe run` uses (near-duplicate signatures, quote candidates); `koe tag` turns it off.
    var forRun = true
    /// Parts of the analysis the requested outputs need (`koe run --only`); all by default.
    var needs = AnalysisNeeds()

    func analyze(_ opinion: consuming Opinion, tokenizer: Tokenizer) -> AnalyzedOpinion {
        let matching = tokenizer.normalize(opinion.text)
        // Words no output needs are not made: an opinion that cannot be tagged is not tokenized at all.
        guard needs.everyOpinionsWords || keepTokens || tagger.mayTag(matching) else {
            return analyze(consume opinion, nil, tokenizer: tokenizer)
        }
        return analyze(consume opinion, tokenizer.tokenize(matching, words: words), tokenizer: tokenizer)
    }

    /// The analysis of an opinion from its words; without them (nil), of one the precheck found untaggable. The
    /// opinion is moved into the tagged one (read back from there after).
    private func analyze(_ opinion: consuming Opinion, _ text: TokenizedText?, tokenizer: Tokenizer) -> AnalyzedOpinion {
        let normalized = segments.normalize(opinion.segments)
        // A survey answer's segments were already counted with its respondent.
        let unmapped = opinion.respondent == nil ? normalized.unmapped.map { ($0.kind.rawValue, $0.value) } : []
        // `if let`, not `text.map { … }`: a closure over the analyzer's parts copied them (a retain and release
        // of each) for every opinion.
        var tags = TagResult.none
        // The decision's parts as plain locals, not an optional struct read field by field (each read copied
        // it, with a retain and release of the Strings every opinion of a question shares).
        var type = OpinionType.unknown
        var horizon = Horizon.unknown
        var typeCue: String?
        var horizonCue: String?
        var decision: TypeDecision?
        var forms: (keys: [String], display: [String]) = ([], [])
        if let text {
            tags = tagger.tag(text)
            if needs.types {
                let prior = questions.prior(for: opinion)
                let recorded = classifier.record(text, prior: prior)
                type = recorded.type
                horizon = recorded.horizon
                typeCue = recorded.typeCue
                horizonCue = recorded.horizonCue
                decision = recorded.decision(prior)
            }
            forms = contentWords(text, tokenizer: tokenizer)
        }
        // Evidence is listed for the areas matched directly; ancestors count the tag without repeating it.
        let evidence = (needs.evidence ? tags.direct : []).compactMap { code -> (code: String, items: [EvidenceItem])? in
            guard let items = tags.evidence(of: code), !items.isEmpty else { return nil }
            // A word found both as a keyword and by the rule is listed once.
            // A handful of items: a linear scan, positions first, beats hashing Japanese strings.
            var unique: [EvidenceItem] = []
            for e in items {
                let item = EvidenceItem(keyword: e.keyword, surface: e.surface, start: e.start, end: e.end)
                let seen = unique.contains {
                    $0.start == item.start && $0.end == item.end && $0.keyword == item.keyword && $0.surface == item.surface
                }
                if !seen { unique.append(item) }
            }
            return (code, unique)
        }
        var tagged = TaggedOpinion(
            opinion: consume opinion, segments: normalized.segments,
            normalized: needs.normalized ? text?.normalized.normalizedString ?? "" : "",
            areas: tags.areas, evidence: evidence, excluded: tags.excluded.map { ($0.code, $0.exclude) },
            type: type, typeCue: typeCue, horizon: horizon, horizonCue: horizonCue, words: forms.keys)
        if let decision = consume decision { tagged.decision = decision }
        // The quote score parts, made once here for the quote pools and for the workspace's rows.
        if forRun && needs.quoteRanks {
            tagged.quoteRank = QuoteRankParts(text: tagged.opinion.text, words: tagged.words, type: tagged.typeLabel)
        }
        let extra = AnalysisExtra(
            unmapped: unmapped, tokens: keepTokens ? text : nil, run: runExtra(tagged, text: text, displayWords: forms.display))
        return (tagged, extra)
    }

    /// Content word keys and, for `koe run`, their display forms; none when no requested output needs words.
    private func contentWords(_ text: TokenizedText, tokenizer: Tokenizer) -> (keys: [String], display: [String]) {
        guard needs.words else { return ([], []) }
        return forRun ? tokenizer.contentWordForms(text) : (ContentWords.keys(text), [])
    }

    /// Near-duplicate signature and quote candidate (`koe run` only; a candidate only for a tagged opinion, the
    /// only kind a quote pool takes).
    private func runExtra(_ tagged: TaggedOpinion, text: TokenizedText?, displayWords: [String]) -> RunExtra? {
        guard forRun else { return nil }
        guard needs.quotes else { return RunExtra(displayWords: displayWords) }
        let shingle = NearDuplicateSettings.standard.shingle
        // The shingles of `tagged.normalized`, from the units it was made of when it was (no UTF-8 decoded again).
        let shingles =
            if let text, needs.normalized { ShingleSet(units: text.normalized.units, shingle: shingle) } else {
                ShingleSet(tagged.normalized, shingle: shingle, normalized: true)
            }
        let signature = NearDuplicateSignature(shingles)
        let candidate = tagged.areas.isEmpty ? nil : candidate(tagged, bandKeys: signature.bandKeys)
        return RunExtra(signature: signature, shingles: shingles, candidate: candidate, displayWords: displayWords)
    }

    /// The opinion as a quote candidate (its opinion is copied only here, for the few opinions a pool may take).
    private func candidate(_ tagged: TaggedOpinion, bandKeys: [UInt32]) -> QuoteCandidate {
        let opinion = tagged.opinion
        return QuoteCandidate(
            id: opinion.id, text: opinion.text, segments: tagged.segments, type: tagged.typeLabel, respondent: tagged.voice,
            session: opinion.kind == .workshop ? opinion.location.file : nil, words: tagged.words, bandKeys: bandKeys,
            rank: tagged.quoteRank ?? QuoteRankParts(text: opinion.text, words: tagged.words, type: tagged.typeLabel))
    }
}
