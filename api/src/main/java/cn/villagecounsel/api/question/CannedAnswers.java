package cn.villagecounsel.api.question;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the variables of a canned answer for one question. A variable is one of the names below between braces,
 * half-width {@code {村名}} or full-width {@code ｛村名｝} (what a Chinese input method types), with optional spaces
 * inside. Rules:
 * <ul>
 * <li>a known variable with a value is replaced by the value (stripped), inserted literally: braces inside a value
 * are not filled again;</li>
 * <li>a known variable whose value is missing or blank becomes {@link #UNFILLED}, which the advisor sees and replaces
 * before sending, instead of an empty gap that reads as a finished sentence;</li>
 * <li>anything else between braces is not a variable and stays exactly as written.</li>
 * </ul>
 */
public final class CannedAnswers {

    public static final String VILLAGE = "村名";
    public static final String ASKER = "提问人";
    public static final String ADVISOR_NAME = "顾问姓名";
    public static final String ADVISOR_PHONE = "顾问电话";
    public static final String MATTER = "事项";
    public static final Set<String> VARIABLES = Set.of(VILLAGE, ASKER, ADVISOR_NAME, ADVISOR_PHONE, MATTER);

    /** What a known variable without a value becomes. */
    public static final String UNFILLED = "（待填写）";

    private static final Pattern VARIABLE = Pattern.compile("[{｛]\\s*([^{}｛｝\\s]+)\\s*[}｝]");

    private CannedAnswers() {
    }

    /**
     * The template with its known variables filled from {@code values} (keyed by variable name, e.g.
     * {@link #VILLAGE}); keys that are not variables are ignored.
     */
    public static String fill(String template, Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        Matcher variable = VARIABLE.matcher(template);
        StringBuilder filled = new StringBuilder(template.length() + 64);
        while (variable.find()) {
            String name = variable.group(1);
            String value = values.get(name);
            String replacement = !VARIABLES.contains(name) ? variable.group()
                    : value == null || value.isBlank() ? UNFILLED : value.strip();
            variable.appendReplacement(filled, Matcher.quoteReplacement(replacement));
        }
        return variable.appendTail(filled).toString();
    }
}
