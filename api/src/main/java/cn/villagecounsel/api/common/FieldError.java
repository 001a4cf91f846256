package cn.villagecounsel.api.common;

/** One invalid input field in a VALIDATION_FAILED problem. */
public record FieldError(String field, String message) {
}
