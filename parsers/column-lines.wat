;; Reads the columns a report counts from W3C lines, 16 bytes at a time (SIMD), into rows of numbers,
;; so JavaScript makes no string, no record and no map lookup for most lines of a `report`.
;; Built into column-lines-wasm.ts by scripts/build-wasm.mjs; read column-lines.ts first.
;;
;; Memory (offsets are the constants below): the piece of lines at 0, the plan at PLAN (a kind byte
;; and a slot byte for each column), rows of ROW_SLOTS f64 at ROWS, and a table of group keys:
;; TABLE_SLOTS slots of 16 bytes (hash, key offset in the arena, key length, id) and the keys' bytes
;; in ARENA.
;;
;; read(p, end, values, maxLine, maxRows): from the line starting at `p`, writes a row for each line
;; of bytes [p, end) (whole lines, each ending with a newline) that has
;;   - a first byte that is not a directive's `#`, a blank, a quote, a control character or a UTF-8 BOM's 0xEF;
;;   - only ASCII bytes (below 0x80), so its text is the same decoded as UTF-8 or byte for byte;
;;   - at most `maxLine` bytes before its newline;
;;   - exactly `values - 1` spaces, so the compiled reader finds every column and no more;
;;   - in every column the plan reads, a value the reader would read the same way (see the kinds).
;; and stops at the first line that has not, or when `maxRows` rows are written (global `stop` 1),
;; or when the key table is full (`stop` 2; nothing of that line is written). Returns where the
;; first line it did not write starts (`end` when it wrote all); the global `rows` holds how many.
;; Bytes up to 16 past `end` are read (never used): the caller leaves that room in memory.
;;
;; Row slots: 0 line start, 1 line end (CRs before the newline dropped), 2 key id, 3 key start,
;; 4 key end, 5 client hash (-1: no client), 6 client start, 7 client end, 8 on: the plan's numbers
;; (-1: `-`, no value). Kinds:
;;   0 not read;
;;   1 status: three digits, 100 to 399 (errors, and `-`, are the reader's);
;;   2 number: `-`, or 1 to 15 digits (exact as a double, as the reader's sum of digits is);
;;   3 duration: `-`, or 1 to 11 digits (ms below the time-taken limit);
;;   4 key: 1 to 512 bytes, not `-`, not opening with a quote: the id of its bytes
;;     in the key table (a new id, counted from 0, for bytes not seen since the table was cleared);
;;   5 client: `-`, or bytes not opening with a quote: their hash, as hash32 in
;;     report/errors-distinct.ts takes it of the same characters.
;;   6 status with errors: three digits, 100 to 599 (for a layout whose errors read no more columns);
;;   7 key text: as a key, its place only (no id), where keys seldom come back.
(module
  (memory (export "memory") 80 80)
  (global $PLAN i32 (i32.const 0x40100))
  (global $ROWS i32 (i32.const 0x40400))
  (global $TABLE i32 (i32.const 0xC0400))
  (global $ARENA i32 (i32.const 0x1C0400))
  (global $ARENA_END i32 (i32.const 0x500000))
  (global $TABLE_MASK i32 (i32.const 0xFFFF))
  (global $rows (export "rows") (mut i32) (i32.const 0))
  (global $stop (export "stop") (mut i32) (i32.const 0))
  (global $keys (export "keys") (mut i32) (i32.const 0))
  (global $arenaUsed (mut i32) (i32.const 0))
  (global $keyId (mut i32) (i32.const 0))

  ;; Forgets every key: ids start again from 0.
  (func (export "clearKeys")
    (memory.fill (global.get $TABLE) (i32.const 0) (i32.sub (global.get $ARENA) (global.get $TABLE)))
    (global.set $keys (i32.const 0))
    (global.set $arenaUsed (i32.const 0)))

  ;; FNV-1a then murmur3's finaliser over bytes [s, e): hash32 of the same characters.
  (func $hash (param $s i32) (param $e i32) (result i32)
    (local $h i32)
    (local.set $h (i32.const 0x811c9dc5))
    (block $done
      (loop $byte
        (br_if $done (i32.ge_u (local.get $s) (local.get $e)))
        (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (local.get $s))) (i32.const 0x01000193)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $byte)))
    (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
    (local.set $h (i32.mul (local.get $h) (i32.const 0x85ebca6b)))
    (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))
    (local.set $h (i32.mul (local.get $h) (i32.const 0xc2b2ae35)))
    (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))

  ;; Digits [s, e) as a number, at most `most` of them; -1 for anything else.
  (func $digits (param $s i32) (param $e i32) (param $most i32) (result f64)
    (local $v i64) (local $d i32)
    (if (i32.or (i32.ge_u (local.get $s) (local.get $e)) (i32.gt_u (i32.sub (local.get $e) (local.get $s)) (local.get $most)))
      (then (return (f64.const -1))))
    (block $bad
      (loop $digit
        (local.set $d (i32.sub (i32.load8_u (local.get $s)) (i32.const 48)))
        (br_if $bad (i32.gt_u (local.get $d) (i32.const 9)))
        (local.set $v (i64.add (i64.mul (local.get $v) (i64.const 10)) (i64.extend_i32_u (local.get $d))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br_if $digit (i32.lt_u (local.get $s) (local.get $e))))
      (return (f64.convert_i64_u (local.get $v))))
    (f64.const -1))

  (func $isDash (param $s i32) (param $e i32) (result i32)
    (i32.and (i32.eq (i32.sub (local.get $e) (local.get $s)) (i32.const 1)) (i32.eq (i32.load8_u (local.get $s)) (i32.const 45))))

  ;; A hash of key bytes [s, e), 8 at a time (the table's own: nothing outside it sees it).
  (func $keyHash (param $s i32) (param $e i32) (result i32)
    (local $h i64) (local $left i32)
    (local.set $h (i64.extend_i32_u (i32.sub (local.get $e) (local.get $s))))
    (block $done
      (loop $word
        (local.set $left (i32.sub (local.get $e) (local.get $s)))
        (br_if $done (i32.le_s (local.get $left) (i32.const 0)))
        (local.set $h (i64.mul
          (i64.xor (local.get $h)
            (select
              (i64.load (local.get $s))
              ;; The last bytes of the key only: the load reads on past it.
              (i64.and (i64.load (local.get $s))
                (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.shl (local.get $left) (i32.const 3)))) (i64.const 1)))
              (i32.ge_u (local.get $left) (i32.const 8))))
          (i64.const 0x9E3779B97F4A7C15)))
        (local.set $h (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 29))))
        (local.set $s (i32.add (local.get $s) (i32.const 8)))
        (br $word)))
    (local.set $h (i64.mul (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 32))) (i64.const 0xD6E8FEB86659FD93)))
    (i32.wrap_i64 (i64.shr_u (local.get $h) (i64.const 32))))

  ;; Whether key bytes [a, a + len) equal [b, b + len), 8 at a time.
  (func $same (param $a i32) (param $b i32) (param $len i32) (result i32)
    (local $i i32)
    (block $tail
      (loop $word
        (br_if $tail (i32.gt_u (i32.add (local.get $i) (i32.const 8)) (local.get $len)))
        (if (i64.ne (i64.load (i32.add (local.get $a) (local.get $i))) (i64.load (i32.add (local.get $b) (local.get $i))))
          (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $word)))
    (block $differs
      (loop $byte
        (br_if $differs (i32.ge_u (local.get $i) (local.get $len)))
        (if (i32.ne (i32.load8_u (i32.add (local.get $a) (local.get $i))) (i32.load8_u (i32.add (local.get $b) (local.get $i))))
          (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $byte)))
    (i32.const 1))

  ;; The id of key bytes [s, e) in the table, added when new; -1 when the table is full.
  (func $keyId (param $s i32) (param $e i32) (result i32)
    (local $h i32) (local $slot i32) (local $at i32) (local $len i32)
    (local.set $h (call $keyHash (local.get $s) (local.get $e)))
    (local.set $len (i32.sub (local.get $e) (local.get $s)))
    (local.set $slot (i32.and (local.get $h) (global.get $TABLE_MASK)))
    (loop $probe
      (local.set $at (i32.add (global.get $TABLE) (i32.shl (local.get $slot) (i32.const 4))))
      (if (i32.eqz (i32.load offset=8 (local.get $at)))
        (then
          ;; A table at most half full keeps probes short; a full arena ends it too.
          (if (i32.or
                (i32.ge_u (i32.shl (i32.add (global.get $keys) (i32.const 1)) (i32.const 1)) (i32.add (global.get $TABLE_MASK) (i32.const 1)))
                (i32.gt_u (i32.add (i32.add (global.get $ARENA) (global.get $arenaUsed)) (local.get $len)) (global.get $ARENA_END)))
            (then (return (i32.const -1))))
          (memory.copy (i32.add (global.get $ARENA) (global.get $arenaUsed)) (local.get $s) (local.get $len))
          (i32.store (local.get $at) (local.get $h))
          (i32.store offset=4 (local.get $at) (global.get $arenaUsed))
          (i32.store offset=8 (local.get $at) (local.get $len))
          (i32.store offset=12 (local.get $at) (global.get $keys))
          (global.set $arenaUsed (i32.add (global.get $arenaUsed) (local.get $len)))
          (global.set $keys (i32.add (global.get $keys) (i32.const 1)))
          (return (i32.sub (global.get $keys) (i32.const 1)))))
      (if (i32.and (i32.eq (i32.load (local.get $at)) (local.get $h)) (i32.eq (i32.load offset=8 (local.get $at)) (local.get $len)))
        (then
          (if (call $same (local.get $s) (i32.add (global.get $ARENA) (i32.load offset=4 (local.get $at))) (local.get $len))
            (then (return (i32.load offset=12 (local.get $at)))))))
      (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (global.get $TABLE_MASK)))
      (br $probe))
    (unreachable))

  ;; Reads column `col`, bytes [s, e), into `row` as its kind says; 0 when the line is not for a row.
  (func $column (param $col i32) (param $s i32) (param $e i32) (param $row i32) (result i32)
    (local $kind i32) (local $slot i32) (local $v f64) (local $id i32)
    (local.set $kind (i32.load8_u (i32.add (global.get $PLAN) (local.get $col))))
    (if (i32.eqz (local.get $kind)) (then (return (i32.const 1))))
    (local.set $slot (i32.add (local.get $row)
      (i32.shl (i32.load8_u offset=256 (i32.add (global.get $PLAN) (local.get $col))) (i32.const 3))))
    (block $client
      (block $key
        (block $number
          (block $status
            (br_table $status $status $number $number $key $client $status $key (local.get $kind)))
          ;; status: a first digit from 1 to 3, or to 5 for kind 6
          (if (i32.ne (i32.sub (local.get $e) (local.get $s)) (i32.const 3)) (then (return (i32.const 0))))
          (if (i32.gt_u (i32.sub (i32.load8_u (local.get $s)) (i32.const 49))
                        (select (i32.const 4) (i32.const 2) (i32.eq (local.get $kind) (i32.const 6))))
            (then (return (i32.const 0))))
          (local.set $v (call $digits (local.get $s) (local.get $e) (i32.const 3)))
          (if (f64.lt (local.get $v) (f64.const 0)) (then (return (i32.const 0))))
          (f64.store (local.get $slot) (local.get $v))
          (return (i32.const 1)))
        ;; number (2) or duration (3)
        (if (call $isDash (local.get $s) (local.get $e))
          (then (f64.store (local.get $slot) (f64.const -1)) (return (i32.const 1))))
        (local.set $v (call $digits (local.get $s) (local.get $e) (select (i32.const 15) (i32.const 11) (i32.eq (local.get $kind) (i32.const 2)))))
        (if (f64.lt (local.get $v) (f64.const 0)) (then (return (i32.const 0))))
        (f64.store (local.get $slot) (local.get $v))
        (return (i32.const 1)))
      ;; key
      (if (i32.eq (local.get $e) (local.get $s)) (then (return (i32.const 0))))
      (if (i32.gt_u (i32.sub (local.get $e) (local.get $s)) (i32.const 512)) (then (return (i32.const 0))))
      (if (call $isDash (local.get $s) (local.get $e)) (then (return (i32.const 0))))
      (if (i32.eq (i32.load8_u (local.get $s)) (i32.const 34)) (then (return (i32.const 0))))
      (f64.store offset=24 (local.get $row) (f64.convert_i32_u (local.get $s)))
      (f64.store offset=32 (local.get $row) (f64.convert_i32_u (local.get $e)))
      (if (i32.eq (local.get $kind) (i32.const 7)) (then (return (i32.const 1))))
      (local.set $id (call $keyId (local.get $s) (local.get $e)))
      (if (i32.lt_s (local.get $id) (i32.const 0)) (then (global.set $stop (i32.const 2)) (return (i32.const 0))))
      (f64.store offset=16 (local.get $row) (f64.convert_i32_u (local.get $id)))
      (return (i32.const 1)))
    ;; client
    (if (i32.eq (local.get $e) (local.get $s)) (then (return (i32.const 0))))
    (if (call $isDash (local.get $s) (local.get $e))
      (then (f64.store offset=40 (local.get $row) (f64.const -1)) (return (i32.const 1))))
    (if (i32.eq (i32.load8_u (local.get $s)) (i32.const 34)) (then (return (i32.const 0))))
    (f64.store offset=40 (local.get $row) (f64.convert_i32_u (call $hash (local.get $s) (local.get $e))))
    (f64.store offset=48 (local.get $row) (f64.convert_i32_u (local.get $s)))
    (f64.store offset=56 (local.get $row) (f64.convert_i32_u (local.get $e)))
    (i32.const 1))

  (func (export "read")
    (param $p i32) (param $end i32) (param $values i32) (param $maxLine i32) (param $maxRows i32)
    (result i32)
    (local $q i32) (local $v v128) (local $newlines i32) (local $spaceBits i32) (local $col i32)
    (local $colStart i32) (local $space i32) (local $nl i32) (local $e i32) (local $first i32)
    (local $row i32) (local $n i32) (local $high i32) (local $before i32)
    (global.set $stop (i32.const 0))
    (block $done
      (loop $line
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (if (i32.ge_u (local.get $n) (local.get $maxRows)) (then (global.set $stop (i32.const 1)) (br $done)))
        (local.set $first (i32.load8_u (local.get $p)))
        (br_if $done (i32.le_u (local.get $first) (i32.const 35)))
        (br_if $done (i32.eq (local.get $first) (i32.const 0xef)))
        (local.set $row (i32.add (global.get $ROWS) (i32.shl (local.get $n) (i32.const 7))))
        (local.set $q (local.get $p))
        (local.set $col (i32.const 0))
        (local.set $colStart (local.get $p))
        (block $found
          (loop $block
            (local.set $v (v128.load (local.get $q)))
            (local.set $newlines (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 10)))))
            (local.set $spaceBits (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 32)))))
            (local.set $high (i8x16.bitmask (local.get $v)))
            ;; Spaces and bytes past the newline belong to the next line.
            (if (local.get $newlines)
              (then
                (local.set $before (i32.sub (i32.shl (i32.const 1) (i32.ctz (local.get $newlines))) (i32.const 1)))
                (local.set $spaceBits (i32.and (local.get $spaceBits) (local.get $before)))
                (local.set $high (i32.and (local.get $high) (local.get $before)))))
            ;; A byte from 0x80 on: the line is UTF-8 (or not text), which JavaScript decodes.
            (br_if $done (local.get $high))
            (block $spaced
              (loop $spaces
                (br_if $spaced (i32.eqz (local.get $spaceBits)))
                (br_if $done (i32.ge_u (local.get $col) (i32.sub (local.get $values) (i32.const 1))))
                (local.set $space (i32.add (local.get $q) (i32.ctz (local.get $spaceBits))))
                (if (i32.load8_u (i32.add (global.get $PLAN) (local.get $col)))
                  (then (br_if $done (i32.eqz (call $column (local.get $col) (local.get $colStart) (local.get $space) (local.get $row))))))
                (local.set $col (i32.add (local.get $col) (i32.const 1)))
                (local.set $colStart (i32.add (local.get $space) (i32.const 1)))
                (local.set $spaceBits (i32.and (local.get $spaceBits) (i32.sub (local.get $spaceBits) (i32.const 1))))
                (br $spaces)))
            (br_if $found (local.get $newlines))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br_if $done (i32.gt_u (i32.sub (local.get $q) (local.get $p)) (local.get $maxLine)))
            (br $block)))
        (local.set $nl (i32.add (local.get $q) (i32.ctz (local.get $newlines))))
        (br_if $done (i32.gt_u (i32.sub (local.get $nl) (local.get $p)) (local.get $maxLine)))
        (br_if $done (i32.ne (local.get $col) (i32.sub (local.get $values) (i32.const 1))))
        (local.set $e (local.get $nl))
        (block $stripped
          (loop $strip
            (br_if $stripped (i32.le_u (local.get $e) (local.get $colStart)))
            (br_if $stripped (i32.ne (i32.load8_u (i32.sub (local.get $e) (i32.const 1))) (i32.const 13)))
            (local.set $e (i32.sub (local.get $e) (i32.const 1)))
            (br $strip)))
        (br_if $done (i32.eqz (call $column (local.get $col) (local.get $colStart) (local.get $e) (local.get $row))))
        (f64.store (local.get $row) (f64.convert_i32_u (local.get $p)))
        (f64.store offset=8 (local.get $row) (f64.convert_i32_u (local.get $e)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set $p (i32.add (local.get $nl) (i32.const 1)))
        (br $line)))
    (global.set $rows (local.get $n))
    (local.get $p)))
