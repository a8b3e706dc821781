# An independent count of W3C logs, for checking logtally's numbers: tracks the #Fields in force,
# splits data lines on runs of whitespace, and counts status.substatus.win32 per line whose value
# count matches (lines without a status under the key ""). Prints JSON: line accounting and the code counts.
# usage: awk -f independent-count.awk FILE
BEGIN { lines = 0; records = 0; directives = 0; blank = 0; rejected = 0; nf = 0 }
{
  sub(/\r$/, "")
  if (NR == 1) sub(/^\xef\xbb\xbf/, "")
  lines++
  if ($0 ~ /^[ \t]*$/) { blank++; next }
  if (substr($0, 1, 1) == "#") {
    directives++
    if ($0 ~ /^#Fields:/) {
      nf = NF - 1; st = 0; ss = 0; w32 = 0
      for (i = 2; i <= NF; i++) {
        if ($i == "sc-status") st = i - 1
        if ($i == "sc-substatus") ss = i - 1
        if ($i == "sc-win32-status") w32 = i - 1
      }
    }
    next
  }
  if (nf == 0 || NF != nf) { rejected++; next }
  records++
  # No status logged: logtally's codes table has a row of its own for these, keyed "".
  if (st == 0 || $st == "-") { count[""]++; next }
  key = $st
  if (w32) key = key "." (ss ? $ss : 0) "." $w32
  else if (ss) key = key "." $ss
  count[key]++
}
END {
  printf "{\"lines\":%d,\"records\":%d,\"directives\":%d,\"blank\":%d,\"rejected\":%d,\"codes\":{", lines, records, directives, blank, rejected
  sep = ""
  for (k in count) { printf "%s\"%s\":%d", sep, k, count[k]; sep = "," }
  print "}}"
}
