"""The registry of diagnostic codes: one place for every code, its severity,
a one-line title and the long explanation `rubric explain CODE` prints.

Numbering, by family (a new code takes the next free number of its family):
  E0xx syntax (parser, builder)        E4xx bands and steps
  E1xx names and scopes                E5xx reachable scores (range analysis)
  E2xx types and units                 E6xx header (E60x) and grades (E61x)
  E3xx the indicator tree and weights  E7xx worked examples
Warnings use W with the same families (W501: full marks unreachable).
A code, once released, keeps its meaning; retired codes are not reused.
"""

from __future__ import annotations

from dataclasses import dataclass

from rubricdsl.diagnostics import Diagnostic, Label, Severity
from rubricdsl.source import Source, Span


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    title: str
    explanation: str


_ALL: tuple[Code, ...] = (
    # ------------------------------------------------------------ E0xx syntax
    Code(
        "E001", "error", "unexpected character",
        "The file holds a character that starts no word of the language here, such as a\n"
        "stray symbol or an unclosed string.  Quote names that need unusual characters\n"
        "with backticks: `my name`.",
    ),
    Code(
        "E002", "error", "unexpected word or symbol",
        "The parser read a word or symbol where the language does not allow it.  The\n"
        "message lists what could have come at that point; a common cause is a missing\n"
        "`{`, `}`, `:` or `;` just before the caret, or a weight missing after a name.",
    ),
    Code(
        "E003", "error", "unexpected end of file",
        "The file ended in the middle of a statement, usually because a `{` was never\n"
        "closed.  The message points at the `{` that is most likely missing its `}`:\n"
        "the first block whose closing brace is not where its indentation says.",
    ),
    Code(
        "E004", "error", "operator not allowed here",
        "Some places take only one spelling of an operator: `let` and `expect` use `=`,\n"
        "grades use `≥` (or `>`), and constraints on inputs use a comparison.",
    ),
    Code(
        "E005", "error", "step direction said twice, differently",
        "A step clause gives its direction either by a sign (`each +0.1pp`, `each −5%`,\n"
        "`each ±5%`) or by a word (`each 5% above`, `each 5% below`).  Here the two\n"
        "disagree, so the clause could be read two ways.",
    ),
    Code(
        "E006", "error", "unmatched `}`",
        "A `}` closes a block, but no block is open at this point.  Either this brace\n"
        "is one too many, or an earlier `}` closed a block too soon; when an earlier\n"
        "brace sits at a different indentation from the block it closes, it is shown.",
    ),
    Code(
        "E090", "error", "nested too deeply",
        "Indicators may nest up to 32 levels and an expression up to 64 levels (each\n"
        "operator, parenthesis or function call is a level).  No real rubric comes\n"
        "close; a formula that does is easier to read as a few `let` definitions.",
    ),
    # ------------------------------------------------------------ E1xx names
    Code(
        "E101", "error", "input declared twice",
        "Every input has one name and one type.  Two declarations with the same name\n"
        "would make the type of every use ambiguous: rename or remove one.",
    ),
    Code(
        "E102", "error", "two sibling indicators with one name",
        "Indicators are addressed by name (or by their path `投入/预算编制/准确性`), so\n"
        "the children of one indicator, and the top-level indicators, need distinct names.",
    ),
    Code(
        "E103", "error", "`let` defined twice in one scope",
        "A block (or the top level) defines each `let` name once.  An inner block may\n"
        "define a name again, which hides the outer one; the same block may not.",
    ),
    Code(
        "E104", "error", "`let` hides an input",
        "A `let` with the name of an input would make every use of that name mean the\n"
        "derived value, never the input.  Give the derived value its own name.",
    ),
    Code(
        "E105", "error", "`let` defined in terms of itself",
        "The `let`s listed in the message refer to each other in a circle, so none of\n"
        "them has a value.  One of them must be defined from inputs alone.",
    ),
    Code(
        "E106", "error", "unknown name",
        "The name is neither an input nor a `let` visible here.  A leaf sees the\n"
        "top-level `let`s, those of the groups above it and its own.  Check the spelling\n"
        "(the help line suggests a close name) or declare the input in `inputs { … }`.",
    ),
    Code(
        "E107", "error", "input listed twice in one checklist",
        "Each item of a checklist names a yes/no input that earns its points when the\n"
        "answer is yes.  Listing one input twice pays the same answer twice: give it\n"
        "one item with the sum of the points, or list the input each item stands for.",
    ),
    Code(
        "W101", "warning", "input never used",
        "No rule, `let` or constraint uses this input, so it changes no score; yet every\n"
        "record must still give it a value.  Use it in a rule, or remove it from\n"
        "`inputs { … }`.",
    ),
    # ------------------------------------------------------------ E2xx types and units
    Code(
        "E201", "error", "percent against a count or an amount",
        "A percent (`80%` or a `percent` input) is a ratio.  Comparing it with, or adding\n"
        "it to, a count or an amount mixes units: `5%` of what?  Compare a ratio of two\n"
        "amounts (`let 率 = 实际数 / 预算数`) with the percent instead.",
    ),
    Code(
        "E202", "error", "percentage points on something not a percent",
        "`pp` (percentage points: `0.1pp` is 0.001) measures the distance between two\n"
        "percents, so it only applies to percents and ratios.  For other numbers write\n"
        "the plain number.",
    ),
    Code(
        "E203", "error", "yes/no input used as a number",
        "A yes/no input earns points in a `checklist` or decides a `when` condition; it\n"
        "has no numeric value to compute with or to compare with a number.  Use\n"
        "`checklist { 名称 → 2 }`, or `when 名称: … else: …` (`when not 名称` for no).",
    ),
    Code(
        "E204", "error", "checklist item is not a yes/no input",
        "Each checklist item names a yes/no input and earns its points when the answer\n"
        "is yes.  A count, amount or percent belongs in a formula or bands instead.",
    ),
    Code(
        "E205", "error", "amounts in different units",
        "Adding, subtracting or comparing two quantities declared with different units\n"
        "(`万元` and `元`) gives a meaningless number.  Declare the inputs in one unit.",
    ),
    Code(
        "E206", "error", "condition is not yes/no",
        "A `when` condition is a comparison (`预算数 = 0`) or a yes/no input.  A number on\n"
        "its own is not true or false: compare it with something.",
    ),
    Code(
        "E207", "error", "judged bounds in the wrong order",
        "`judged a..b` declares an evaluator's score between a and b, so a must not be\n"
        "greater than b: write `judged 0..2`, not `judged 2..0`.",
    ),
    Code(
        "E208", "error", "constraints leave an input no value",
        "An input's type and constraints together say which values a record may give.\n"
        "Here they contradict each other (`≤ 100% ≥ 200%`, `count < 0`), so no record\n"
        "could ever be scored.  Correct or remove one of the constraints.",
    ),
    Code(
        "E209", "error", "`per` on something not a count",
        "`0.5 per 不符合项数` gives 0.5 points for each thing counted, so `per` takes a\n"
        "count (or an amount: points per 万元).  A percent or a ratio is not a number of\n"
        "things.  Score a percent with bands, or with steps from a band:\n"
        "`score by 满意度: ≥ 90% → 10; each whole 1% below → −1, floor 0`.",
    ),
    Code(
        "E210", "error", "count mixed with an amount",
        "A count says how many things, an amount how much money (or another quantity);\n"
        "adding, subtracting or comparing the two gives a meaningless number.  For a\n"
        "rate, divide one by the other: `let 人均支出 = 支出金额 / 人数`.",
    ),
    # ------------------------------------------------------------ E3xx tree and weights
    Code(
        "E301", "error", "children's weights do not add up",
        "The weights (分值) of a group's children must add up to the group's own weight,\n"
        "so that full marks below give full marks above.  The note lists each child.",
    ),
    Code(
        "E302", "error", "top-level weights do not add up to the total",
        "The weights of the top-level indicators must add up to the rubric's `total`.",
    ),
    Code(
        "E303", "error", "leaf without a score",
        "An indicator with no children is a leaf and needs exactly one `score` rule;\n"
        "otherwise it could never earn points.",
    ),
    Code(
        "E304", "error", "group with a score",
        "An indicator with children scores the sum of its children.  A `score` of its own\n"
        "would be ignored: move it into a child, or remove the children.",
    ),
    Code(
        "E305", "error", "`score`, `criterion` or `explain` given twice",
        "An indicator has one scoring rule, one criterion text and one explanation.\n"
        "Merge the two, or move one into another indicator.",
    ),
    Code(
        "E306", "error", "leaf at the wrong level",
        "`levels` names the levels of the table (一级指标, 二级指标, 三级指标), so every\n"
        "leaf must sit exactly that deep.  Add or remove a level of grouping, or change\n"
        "`levels`.",
    ),
    Code(
        "E307", "error", "points outside the indicator's weight",
        "A band or checklist item gives points that no score of this indicator may\n"
        "reach: below 0 or above the indicator's weight.",
    ),
    # ------------------------------------------------------------ E4xx bands and steps
    Code(
        "E401", "error", "bands overlap",
        "Two bands both hold some values of the metric, so it is unclear which points\n"
        "apply.  Make one bound open: `[50%, 80%)` and `≥ 80%` meet without overlapping.",
    ),
    Code(
        "E402", "error", "bands leave a gap",
        "Some values the metric can take fall in no band (and there is no `otherwise`),\n"
        "so they would have no score.  The message names the uncovered values, worked\n"
        "out from the inputs' types and constraints.",
    ),
    Code(
        "E403", "error", "`otherwise` given twice",
        "`otherwise` takes every value no other band holds, so there can be only one.",
    ),
    Code(
        "E404", "error", "band after `otherwise`",
        "`otherwise` must be the last band: it takes everything left over, so a band\n"
        "written after it reads as if it came first.",
    ),
    Code(
        "E405", "error", "step without an anchor band",
        "A step clause (`each +0.1pp → −0.1`) counts from the edge of the band written\n"
        "before it.  Write the band that earns the starting points first: `≤ 5% → 5`.",
    ),
    Code(
        "E406", "error", "step direction cannot be told",
        "The anchor band is bounded on both sides, so the step could run either way.\n"
        "Say which: `each +5%` or `each 5% above`, `each −5%` or `each 5% below`, or\n"
        "`each ±5%` for both.",
    ),
    Code(
        "E407", "error", "partial-step policy not settled",
        "How a partial step counts must be written down: `started` (5.01% is one step of\n"
        "0.1pp beyond 5%), `whole` (only complete steps count) or `pro-rata` (the exact\n"
        "fraction).  Write it in the clause (`each whole 5% below`) or once for the\n"
        "rubric (`steps whole`).",
    ),
    Code(
        "E408", "error", "step size not positive",
        "Steps are counted as the distance from the anchor divided by the step size, so\n"
        "the size must be greater than 0.",
    ),
    Code(
        "E409", "error", "step beyond an open side",
        "The step runs on a side where its anchor band has no edge (`≥ 100%` has no\n"
        "upper edge), so there is nothing to count from.  Reverse the direction or\n"
        "bound the anchor.",
    ),
    Code(
        "W401", "warning", "band can never apply",
        "No value the metric can take falls in this band: the inputs' types and\n"
        "constraints (or the `when` guards before the rule) rule it out, as `> 100%`\n"
        "does for a percent declared `≤ 100%`.  Remove the band, or check the\n"
        "constraints it contradicts.",
    ),
    # ------------------------------------------------------------ E5xx reachable scores
    Code(
        "E501", "error", "score can exceed the weight",
        "Over the values the inputs can take, the rule can give more points than the\n"
        "indicator's weight.  End the rule with `, cap W` (总分不突破W分), or bound the\n"
        "inputs (`count ≤ 目标总项数`).",
    ),
    Code(
        "E502", "error", "score can go below zero",
        "Over the values the inputs can take, the rule can give fewer than 0 points, as\n"
        "an unbounded deduction does.  End the rule with `, floor 0` (扣完为止).",
    ),
    Code(
        "W501", "warning", "full marks unreachable",
        "No values of the inputs give this indicator its full weight, so no unit can\n"
        "earn full marks here.  Usually a band's or the formula's points are too low.",
    ),
    Code(
        "W502", "warning", "division by something that can be zero",
        "The divisor can be zero for some inputs, and no `when` guard or constraint\n"
        "rules that out; scoring such a record stops with an error.  Guard it\n"
        "(`when 预算数 = 0: … else: …`) or constrain the input (`amount > 0`).",
    ),
    # ------------------------------------------------------------ E6xx header and grades
    Code("E601", "error", "no `rubric` title", "Every rubric starts with `rubric \"标题\"`."),
    Code("E602", "error", "no `total`", "The rubric must declare its full score: `total 100`."),
    Code(
        "E603", "error", "header statement given twice",
        "Each header statement (`rubric`, `total`, `levels`, `rounding`, `steps`,\n"
        "`grades`, `issuer`, `effective`) appears once; the first one counts.",
    ),
    Code(
        "E604", "error", "no `levels`",
        "The rubric must name its levels, e.g. `levels 一级指标, 二级指标, 三级指标`;\n"
        "the checker then proves every leaf sits at the last level.",
    ),
    Code(
        "E605", "error", "rounding step not positive",
        "`rounding Q MODE` rounds each leaf score to a multiple of Q, so Q must be\n"
        "greater than 0: `rounding 0.01 half-up`.",
    ),
    Code(
        "E606", "error", "`effective` is not a date",
        "`effective` takes a date written YYYY-MM-DD: `effective \"2021-01-01\"`.",
    ),
    Code("E607", "error", "total not positive", "`total` must be greater than 0."),
    Code(
        "E611", "error", "grades out of order",
        "Grades are tried from the first to the last, so their thresholds must fall from\n"
        "highest to lowest, with `otherwise` last.",
    ),
    Code("E612", "error", "grade named twice", "Each grade in `grades { … }` needs its own name."),
    Code(
        "E613", "error", "grades leave totals without a grade",
        "Every total from 0 to the rubric's `total` must get a grade: end the scale with\n"
        "`差 otherwise` or with a grade at `≥ 0`.",
    ),
    Code(
        "E614", "error", "grade threshold outside the total",
        "A grade threshold below 0 or above `total` can never be the boundary between\n"
        "two grades.",
    ),
    # ------------------------------------------------------------ E7xx examples
    Code(
        "E701", "error", "example gives an unknown input",
        "`given { … }` assigns inputs declared in `inputs { … }`; `let`s are computed.",
    ),
    Code(
        "E702", "error", "unknown base example",
        "`example \"名称\" from \"基础\"` starts from another example's inputs, which must\n"
        "exist in the same file.",
    ),
    Code(
        "E703", "error", "example value of the wrong type",
        "Counts take whole numbers, amounts and numbers take plain numbers, percents take\n"
        "`85%` or a ratio, yes/no inputs take 是/否 (yes/no); expected totals and\n"
        "scores are numbers and grades are grade names.",
    ),
    Code(
        "E704", "error", "unknown grade",
        "`expect { grade = … }` names a grade of the rubric's `grades { … }`.",
    ),
    Code(
        "E705", "error", "unknown indicator",
        "An expectation names an indicator by its name or by its full path\n"
        "(`投入/预算编制/准确性`).",
    ),
    Code(
        "E706", "error", "example value outside the input's range",
        "The value breaks the input's type or constraints (a negative count, a judged\n"
        "score outside its bounds, a percent above `≤ 100%`, a count above the other\n"
        "input it is declared `≤`), so no real record has it.",
    ),
    Code(
        "E707", "error", "ambiguous indicator name",
        "Several indicators have this name; write the full path to the one you mean.",
    ),
    Code("E708", "error", "example named twice", "Each example needs its own name."),
    Code(
        "E709", "error", "examples built from each other in a circle",
        "`from` chains must end at an example that gives all its inputs itself.",
    ),
    Code(
        "E710", "error", "example leaves an input without a value",
        "An example is a whole record: it gives every declared input a value, itself or\n"
        "through the example it starts `from`.  Scoring it would stop at the first\n"
        "input it leaves out.",
    ),
)

CODES: dict[str, Code] = {c.code: c for c in _ALL}


def make(
    code: str,
    message: str,
    span: Span | None,
    source: Source | None = None,
    *,
    labels: tuple[Label, ...] = (),
    notes: tuple[str, ...] = (),
    hint: str | None = None,
) -> Diagnostic:
    """A diagnostic whose severity comes from the registry."""
    return Diagnostic(
        code=code,
        severity=CODES[code].severity,
        message=message,
        span=span,
        source=source,
        labels=labels,
        notes=notes,
        hint=hint,
    )
