package cn.villagecounsel.gateway.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import cn.villagecounsel.gateway.GatewayProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Finds the client's address: the direct peer, unless the peer is a configured trusted proxy, in which case
 * {@code X-Forwarded-For} is read from the right, skipping trusted proxies, to the first address none of them
 * vouches for. Forwarded headers from anyone else are ignored, so a client cannot choose its own rate-limit key.
 */
@Component
public class ClientAddressResolver {

	private static final String UNKNOWN = "unknown";

	// Only literal addresses: anything else could make InetAddress resolve a host name and block.
	private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private final List<AddressRange> trustedProxies;

	public ClientAddressResolver(GatewayProperties properties) {
		this.trustedProxies = properties.trustedProxies().stream().map(AddressRange::parse).toList();
	}

	public String clientAddress(ServerHttpRequest request) {
		InetAddress peer = peerAddress(request);
		if (peer == null) {
			return UNKNOWN;
		}
		if (!isTrusted(peer)) {
			return peer.getHostAddress();
		}
		List<String> forwarded = forwardedFor(request.getHeaders());
		for (int i = forwarded.size() - 1; i >= 0; i--) {
			Optional<InetAddress> hop = parse(forwarded.get(i));
			if (hop.isEmpty()) {
				break;
			}
			if (!isTrusted(hop.get())) {
				return hop.get().getHostAddress();
			}
		}
		return peer.getHostAddress();
	}

	/** Whether the request reached a trusted proxy over https, or the gateway itself over TLS. */
	public boolean isSecure(ServerHttpRequest request) {
		if (request.getSslInfo() != null) {
			return true;
		}
		InetAddress peer = peerAddress(request);
		return peer != null && isTrusted(peer)
				&& "https".equalsIgnoreCase(request.getHeaders().getFirst("X-Forwarded-Proto"));
	}

	private boolean isTrusted(InetAddress address) {
		return this.trustedProxies.stream().anyMatch((range) -> range.contains(address));
	}

	private static @Nullable InetAddress peerAddress(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		return (remote != null) ? remote.getAddress() : null;
	}

	private static List<String> forwardedFor(HttpHeaders headers) {
		List<String> values = headers.getValuesAsList("X-Forwarded-For");
		List<String> hops = new ArrayList<>();
		values.forEach((value) -> Arrays.stream(value.split(",")).map(String::trim).forEach(hops::add));
		return hops;
	}

	private static Optional<InetAddress> parse(String literal) {
		if (!IP_LITERAL.matcher(literal).matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(InetAddress.getByName(literal));
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

	/** One address or a CIDR range, such as {@code 10.0.0.0/8} or {@code ::1}. */
	record AddressRange(byte[] network, int prefixLength) {

		static AddressRange parse(String spec) {
			String[] parts = spec.trim().split("/", 2);
			InetAddress address = ClientAddressResolver.parse(parts[0])
				.orElseThrow(() -> new IllegalArgumentException("Not an IP address or CIDR range: " + spec));
			byte[] bytes = address.getAddress();
			int prefix = (parts.length == 2) ? Integer.parseInt(parts[1]) : bytes.length * 8;
			if (prefix < 0 || prefix > bytes.length * 8) {
				throw new IllegalArgumentException("Bad prefix length in " + spec);
			}
			return new AddressRange(bytes, prefix);
		}

		boolean contains(InetAddress address) {
			byte[] candidate = address.getAddress();
			if (candidate.length != this.network.length) {
				return false;
			}
			int fullBytes = this.prefixLength / 8;
			for (int i = 0; i < fullBytes; i++) {
				if (candidate[i] != this.network[i]) {
					return false;
				}
			}
			int remainingBits = this.prefixLength % 8;
			if (remainingBits == 0) {
				return true;
			}
			int mask = (0xFF << (8 - remainingBits)) & 0xFF;
			return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
		}

	}

}
