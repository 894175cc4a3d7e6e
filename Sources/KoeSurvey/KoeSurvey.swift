// KoeSurvey
