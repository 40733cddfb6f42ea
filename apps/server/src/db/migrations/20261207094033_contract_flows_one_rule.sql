-- 本地吸纳 in the contracts' yearly totals now means what the statistics dashboard means: seller and buyer both inside
-- the jurisdiction (it meant: the buyer inside, so it held the 技术输入 contracts too). Every row was accumulated with
-- the same contracts, signs and amounts in both columns, so the new figure is the old one less the input.
UPDATE "contract_year_totals" SET "absorbed_count" = "absorbed_count" - "input_count", "absorbed_amount" = "absorbed_amount" - "input_amount";
