package cn.villagecounsel.api.village.notice;

/**
 * No font on this machine can display the notice's Chinese text (install e.g. {@code fonts-wqy-microhei}).
 */
public class NoticeFontMissingException extends IllegalStateException {

    NoticeFontMissingException(String message) {
        super(message);
    }
}
