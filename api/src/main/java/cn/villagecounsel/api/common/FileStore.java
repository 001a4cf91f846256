package cn.villagecounsel.api.common;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.ReactiveGridFsOperations;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Uploaded files (photos, agreement scans, group QR codes) in GridFS, so they live in the same
 * database as the records that point at them. The type is decided by the file's first bytes, never by
 * its name or the client's Content-Type, and the size is bounded while reading.
 */
@Component
public class FileStore {

    /** A file type we accept, recognised by its magic number. */
    public enum Kind {
        JPEG(MediaType.IMAGE_JPEG, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
        PNG(MediaType.IMAGE_PNG, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
        PDF(MediaType.APPLICATION_PDF, new byte[] {'%', 'P', 'D', 'F', '-'});

        private final MediaType mediaType;
        private final byte[] magic;

        Kind(MediaType mediaType, byte[] magic) {
            this.mediaType = mediaType;
            this.magic = magic;
        }

        public MediaType mediaType() {
            return mediaType;
        }

        static Kind sniff(byte[] head) {
            return Arrays.stream(values())
                    .filter(kind -> head.length >= kind.magic.length
                            && Arrays.equals(Arrays.copyOf(head, kind.magic.length), kind.magic))
                    .findFirst().orElse(null);
        }
    }

    /** A stored file ready to stream back. */
    public record Content(MediaType mediaType, long length, Flux<DataBuffer> body) {

        public ResponseEntity<Flux<DataBuffer>> asResponse(String cacheControl) {
            return ResponseEntity.ok()
                    .contentType(mediaType)
                    .contentLength(length)
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .header("X-Content-Type-Options", "nosniff")
                    .body(body);
        }
    }

    private final ReactiveGridFsOperations gridFs;

    FileStore(ReactiveGridFsOperations gridFs) {
        this.gridFs = gridFs;
    }

    /**
     * Stores {@code file} when its content is one of {@code allowed} and at most {@code maxBytes} long;
     * answers with the new file's id. {@code field} names the input in the problem when it is not.
     */
    public Mono<String> store(FilePart file, Set<Kind> allowed, int maxBytes, String field, String purpose) {
        String allowedNames = allowed.stream().map(Kind::name).collect(Collectors.joining("、"));
        return DataBufferUtils.join(file.content(), maxBytes)
                .onErrorMap(DataBufferLimitException.class, e -> new ApiProblem(HttpStatus.CONTENT_TOO_LARGE,
                        "FILE_TOO_LARGE", "文件过大", "文件不能超过 " + describe(maxBytes) + "。"))
                .switchIfEmpty(Mono.error(() -> ApiProblem.invalid(field, "文件是空的，请重新选择。")))
                .flatMap(buffer -> {
                    byte[] head = new byte[Math.min(8, buffer.readableByteCount())];
                    buffer.toByteBuffer(buffer.readPosition(), ByteBuffer.wrap(head), 0, head.length);
                    Kind kind = Kind.sniff(head);
                    if (kind == null || !allowed.contains(kind)) {
                        DataBufferUtils.release(buffer);
                        return Mono.error(new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "FILE_TYPE_NOT_ALLOWED",
                                "文件类型不被支持", "只能上传 " + allowedNames + " 格式的文件。"));
                    }
                    Document metadata = new Document("purpose", purpose).append("_contentType", kind.mediaType().toString());
                    return gridFs.store(Flux.just(buffer), safeName(file.filename()), kind.mediaType().toString(), metadata)
                            .map(ObjectId::toHexString);
                });
    }

    public Mono<Content> load(String id) {
        if (id == null || !ObjectId.isValid(id)) {
            return Mono.empty();
        }
        return gridFs.findOne(Query.query(Criteria.where("_id").is(new ObjectId(id))))
                .flatMap(file -> gridFs.getResource(file).map(resource -> new Content(
                        MediaType.parseMediaType(file.getMetadata().getString("_contentType")), file.getLength(),
                        resource.getDownloadStream())));
    }

    public Mono<Void> delete(String id) {
        return id == null || !ObjectId.isValid(id) ? Mono.empty()
                : gridFs.delete(Query.query(Criteria.where("_id").is(new ObjectId(id))));
    }

    private static String safeName(String name) {
        String base = name == null ? "" : name.replaceAll("[\\\\/\\p{Cntrl}]", "_").strip();
        return base.isEmpty() ? "upload" : base.length() > 100 ? base.substring(base.length() - 100) : base;
    }

    private static String describe(int bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
    }
}
