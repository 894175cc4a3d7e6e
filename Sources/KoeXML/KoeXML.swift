// KoeXML
