package cn.villagecounsel.api.common;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/** A CSV file for download that Excel opens as it is: UTF-8 with a byte-order mark, Chinese file name. */
public final class CsvDownload {

    private static final CsvMapper CSV = new CsvMapper();
    /** Excel opens UTF-8 CSV correctly only with a byte-order mark. */
    private static final String BOM = "\uFEFF";

    private CsvDownload() {
    }

    public static ResponseEntity<byte[]> of(String filename, List<String> columns, List<List<String>> rows) {
        CsvSchema.Builder schema = CsvSchema.builder();
        columns.forEach(schema::addColumn);
        String body = BOM + CSV.writer(schema.build().withHeader()).writeValueAsString(rows);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(filename, StandardCharsets.UTF_8).build().toString())
                .body(body.getBytes(StandardCharsets.UTF_8));
    }
}
