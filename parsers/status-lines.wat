;; Passes over W3C lines whose record would hold nothing but a status from 100 to 399, reading
;; their bytes 16 at a time (SIMD), so the JavaScript parser sees only the other lines.
;; Built into status-lines-wasm.ts by scripts/build-wasm.mjs; read status-lines.ts first.
;;
;; skip(p, end, values, status, maxLine): from the line starting at `p`, passes over every line
;; that, in bytes [p, end) (whole lines, each ending with a newline), has
;;   - a first byte that is not a directive's `#`, a blank, a control character or a UTF-8 BOM's 0xEF;
;;   - at most `maxLine` bytes before its newline (a longer line is the splitter's to reject);
;;   - exactly `values - 1` spaces, so the compiled reader finds every column and no more;
;;   - in column `status` (0-based), exactly three digits from 100 to 399, ended by a space or,
;;     in the last column, by the line's end (trailing CRs dropped, as the splitter drops them).
;; Returns where the first line it did not pass over starts (`end` when it passed over all);
;; the global `skipped` holds how many it passed over.
;; Bytes up to 16 past `end` are read (never used): the caller leaves that room in memory.
(module
  (memory (export "memory") 4 4)
  (global $skipped (export "skipped") (mut i32) (i32.const 0))
  (func (export "skip")
    (param $p i32) (param $end i32) (param $values i32) (param $status i32) (param $maxLine i32)
    (result i32)
    (local $q i32) (local $v v128) (local $newlines i32) (local $spaceBits i32) (local $spaces i32)
    (local $before i32) (local $drop i32) (local $s i32) (local $nl i32) (local $e i32) (local $first i32)
    (local $n i32)
    (block $done
      (loop $line
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $first (i32.load8_u (local.get $p)))
        (br_if $done (i32.le_u (local.get $first) (i32.const 35)))
        (br_if $done (i32.eq (local.get $first) (i32.const 0xef)))
        (local.set $q (local.get $p))
        (local.set $spaces (i32.const 0))
        ;; $s: where the status column starts, -1 until its space is found.
        (local.set $s (select (local.get $p) (i32.const -1) (i32.eqz (local.get $status))))
        (block $found
          (loop $block
            (local.set $v (v128.load (local.get $q)))
            (local.set $newlines (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 10)))))
            (local.set $spaceBits (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 32)))))
            ;; Spaces past the newline belong to the next line.
            (if (local.get $newlines)
              (then (local.set $spaceBits (i32.and (local.get $spaceBits)
                (i32.sub (i32.shl (i32.const 1) (i32.ctz (local.get $newlines))) (i32.const 1))))))
            (local.set $before (local.get $spaces))
            (local.set $spaces (i32.add (local.get $spaces) (i32.popcnt (local.get $spaceBits))))
            (if (i32.and (i32.lt_s (local.get $s) (i32.const 0)) (i32.ge_u (local.get $spaces) (local.get $status)))
              (then
                ;; The status column follows the space numbered `status` (from 1): drop the block's earlier ones.
                (local.set $drop (i32.sub (i32.sub (local.get $status) (local.get $before)) (i32.const 1)))
                (block $dropped
                  (loop $dropping
                    (br_if $dropped (i32.eqz (local.get $drop)))
                    (local.set $spaceBits (i32.and (local.get $spaceBits) (i32.sub (local.get $spaceBits) (i32.const 1))))
                    (local.set $drop (i32.sub (local.get $drop) (i32.const 1)))
                    (br $dropping)))
                (local.set $s (i32.add (i32.add (local.get $q) (i32.ctz (local.get $spaceBits))) (i32.const 1)))))
            (br_if $found (local.get $newlines))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br_if $done (i32.gt_u (i32.sub (local.get $q) (local.get $p)) (local.get $maxLine)))
            (br $block)))
        (local.set $nl (i32.add (local.get $q) (i32.ctz (local.get $newlines))))
        (br_if $done (i32.gt_u (i32.sub (local.get $nl) (local.get $p)) (local.get $maxLine)))
        (br_if $done (i32.ne (local.get $spaces) (i32.sub (local.get $values) (i32.const 1))))
        (local.set $e (local.get $nl))
        (block $stripped
          (loop $strip
            (br_if $stripped (i32.le_u (local.get $e) (local.get $p)))
            (br_if $stripped (i32.ne (i32.load8_u (i32.sub (local.get $e) (i32.const 1))) (i32.const 13)))
            (local.set $e (i32.sub (local.get $e) (i32.const 1)))
            (br $strip)))
        ;; 1-3, then two digits: 100 to 399. Any byte past the line's end is a CR or newline, no digit.
        (br_if $done (i32.ge_u (i32.sub (i32.load8_u (local.get $s)) (i32.const 49)) (i32.const 3)))
        (br_if $done (i32.ge_u (i32.sub (i32.load8_u offset=1 (local.get $s)) (i32.const 48)) (i32.const 10)))
        (br_if $done (i32.ge_u (i32.sub (i32.load8_u offset=2 (local.get $s)) (i32.const 48)) (i32.const 10)))
        (if (i32.eq (local.get $status) (i32.sub (local.get $values) (i32.const 1)))
          (then (br_if $done (i32.ne (i32.add (local.get $s) (i32.const 3)) (local.get $e))))
          (else (br_if $done (i32.ne (i32.load8_u offset=3 (local.get $s)) (i32.const 32)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set $p (i32.add (local.get $nl) (i32.const 1)))
        (br $line)))
    (global.set $skipped (local.get $n))
    (local.get $p)))
