import KoeText
let t = try Tokenizer()
for line in ["子どもを産み育てる環境が整い、親子と周囲が笑顔になっている", "子供の医療費", "こどもの遊び場がほしい", "子ども達", "ｶﾞｲﾄﾞブック１２３件", "バスケットボールとバス停とバス", "ごみとゴミ"] {
  let r = t.tokenize(line)
  print(r.tokens.map { r.normalizedSurface(of: $0) + "/" + $0.key + "/" + r.surface(of: $0) }.joined(separator: " "))
}
