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

    /** A file type we accept, recognised by its magic number (one of its signatures at its offset). */
    public enum Kind {
        JPEG(MediaType.IMAGE_JPEG, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
        PNG(MediaType.IMAGE_PNG, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
        PDF(MediaType.APPLICATION_PDF, 0, new byte[] {'%', 'P', 'D', 'F', '-'}),
        /** MPEG audio: an ID3 tag or a layer III frame header (the mini-program recorder's mp3). */
        MP3(MediaType.parseMediaType("audio/mpeg"), 0, new byte[] {'I', 'D', '3'},
                new byte[] {(byte) 0xFF, (byte) 0xFB}, new byte[] {(byte) 0xFF, (byte) 0xF3},
                new byte[] {(byte) 0xFF, (byte) 0xF2}),
        /** Raw AAC in ADTS frames (the recorder's aac). */
        AAC(MediaType.parseMediaType("audio/aac"), 0, new byte[] {(byte) 0xFF, (byte) 0xF1},
                new byte[] {(byte) 0xFF, (byte) 0xF9}),
        /** AAC in an MP4 container: "ftyp" after the box size. */
        M4A(MediaType.parseMediaType("audio/mp4"), 4, new byte[] {'f', 't', 'y', 'p'}),
        WAV(MediaType.parseMediaType("audio/wav"), 8, new byte[] {'W', 'A', 'V', 'E'});

        /** Bytes read to recognise a file. */
        static final int HEAD = 12;

        private final MediaType mediaType;
        private final int offset;
        private final byte[][] signatures;

        Kind(MediaType mediaType, int offset, byte[]... signatures) {
            this.mediaType = mediaType;
            this.offset = offset;
            this.signatures = signatures;
        }

        public MediaType mediaType() {
            return mediaType;
        }

        public boolean isAudio() {
            return "audio".equals(mediaType.getType());
        }

        private boolean matches(byte[] head) {
            return Arrays.stream(signatures).anyMatch(magic -> head.length >= offset + magic.length
                    && Arrays.equals(Arrays.copyOfRange(head, offset, offset + magic.length), magic));
        }

        static Kind sniff(byte[] head) {
            return Arrays.stream(values()).filter(kind -> kind.matches(head)).findFirst().orElse(null);
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
        return storeFile(file, allowed, maxBytes, field, purpose).map(Stored::id);
    }

    /** A file just stored: its id, the type its content showed, and its length. */
    public record Stored(String id, Kind kind, long bytes) {
    }

    /** {@link #store}, telling also the type found and the length. */
    public Mono<Stored> storeFile(FilePart file, Set<Kind> allowed, int maxBytes, String field, String purpose) {
        String allowedNames = allowed.stream().map(Kind::name).collect(Collectors.joining("、"));
        return DataBufferUtils.join(file.content(), maxBytes)
                .onErrorMap(DataBufferLimitException.class, e -> new ApiProblem(HttpStatus.CONTENT_TOO_LARGE,
                        "FILE_TOO_LARGE", "文件过大", "文件不能超过 " + describe(maxBytes) + "。"))
                .switchIfEmpty(Mono.error(() -> ApiProblem.invalid(field, "文件是空的，请重新选择。")))
                .flatMap(buffer -> {
                    byte[] head = new byte[Math.min(Kind.HEAD, buffer.readableByteCount())];
                    buffer.toByteBuffer(buffer.readPosition(), ByteBuffer.wrap(head), 0, head.length);
                    Kind kind = Kind.sniff(head);
                    if (kind == null || !allowed.contains(kind)) {
                        DataBufferUtils.release(buffer);
                        return Mono.error(new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "FILE_TYPE_NOT_ALLOWED",
                                "文件类型不被支持", "只能上传 " + allowedNames + " 格式的文件。"));
                    }
                    Document metadata = new Document("purpose", purpose).append("_contentType", kind.mediaType().toString());
                    long bytes = buffer.readableByteCount();
                    return gridFs.store(Flux.just(buffer), safeName(file.filename()), kind.mediaType().toString(), metadata)
                            .map(id -> new Stored(id.toHexString(), kind, bytes));
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
