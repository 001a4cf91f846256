package cn.villagecounsel.gateway.admin;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

import cn.villagecounsel.gateway.GatewayProperties;
import cn.villagecounsel.gateway.problem.GatewayProblem;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The admin console: files from {@code vc.gateway.admin-location}, {@code index.html} for any path that is not a
 * file (the SPA's history-mode routes), and a 404 problem for missing files. {@code index.html} is revalidated on
 * every load so a deploy takes effect at once; the hashed files under {@code assets/} are cached for good.
 */
@Configuration(proxyBeanMethods = false)
class AdminConsoleRoutes {

	private static final String PREFIX = "/admin/";

	private static final CacheControl REVALIDATE = CacheControl.noCache();

	private static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365))
		.cachePublic()
		.immutable();

	@Bean
	RouterFunction<ServerResponse> adminConsole(GatewayProperties properties, ResourceLoader resources)
			throws IOException {
		String location = properties.adminLocation().endsWith("/") ? properties.adminLocation()
				: properties.adminLocation() + "/";
		Resource root = resources.getResource(location);
		Resource index = root.createRelative("index.html");
		Function<ServerRequest, Mono<Resource>> files = RouterFunctions.resourceLookupFunction(PREFIX + "**", root);

		return RouterFunctions.route()
			.route(RequestPredicates.path("/admin"),
					(request) -> allowRead(request).then(ServerResponse.status(HttpStatus.MOVED_PERMANENTLY)
						.location(URI.create(PREFIX))
						.build()))
			.route(RequestPredicates.path(PREFIX + "**"),
					(request) -> allowRead(request).then(files.apply(request)
						.switchIfEmpty(Mono.defer(() -> looksLikeFile(request) ? Mono.empty() : existing(index)))
						.switchIfEmpty(Mono.error(GatewayProblem.NOT_FOUND::exception))
						.flatMap((file) -> serve(request, file))))
			.build();
	}

	private static Mono<Void> allowRead(ServerRequest request) {
		HttpMethod method = request.method();
		if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
			return Mono.empty();
		}
		return Mono.error(GatewayProblem.METHOD_NOT_ALLOWED.exception().header(HttpHeaders.ALLOW, "GET, HEAD"));
	}

	private static boolean looksLikeFile(ServerRequest request) {
		String path = request.requestPath().pathWithinApplication().value();
		return path.substring(path.lastIndexOf('/') + 1).contains(".");
	}

	private static Mono<Resource> existing(Resource resource) {
		return resource.isReadable() ? Mono.just(resource) : Mono.empty();
	}

	private static Mono<ServerResponse> serve(ServerRequest request, Resource file) {
		String path = request.requestPath().pathWithinApplication().value().substring(PREFIX.length());
		boolean hashedAsset = path.startsWith("assets/") && !"index.html".equals(file.getFilename());
		MediaType type = MediaTypeFactory.getMediaType(file).orElse(MediaType.APPLICATION_OCTET_STREAM);
		return ServerResponse.ok()
			.contentType(type)
			.cacheControl(hashedAsset ? IMMUTABLE : REVALIDATE)
			.body(BodyInserters.fromResource(file));
	}

}
