// KoeWorkshop
