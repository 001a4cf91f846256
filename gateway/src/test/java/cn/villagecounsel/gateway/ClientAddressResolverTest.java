package cn.villagecounsel.gateway;

import java.net.InetSocketAddress;
import java.util.List;

import cn.villagecounsel.gateway.web.ClientAddressResolver;
import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressResolverTest {

	private final ClientAddressResolver resolver = resolver("10.0.0.0/8", "192.168.1.7");

	@Test
	void ignoresForwardedForFromAnUntrustedPeer() {
		assertThat(this.resolver.clientAddress(request("203.0.113.9", "1.2.3.4"))).isEqualTo("203.0.113.9");
	}

	@Test
	void takesTheFirstUntrustedHopFromTheRightBehindTrustedProxies() {
		// the client may prepend anything; only what our proxies appended counts
		assertThat(this.resolver.clientAddress(request("10.1.2.3", "6.6.6.6, 198.51.100.20, 10.9.9.9")))
			.isEqualTo("198.51.100.20");
		assertThat(this.resolver.clientAddress(request("192.168.1.7", "198.51.100.21"))).isEqualTo("198.51.100.21");
	}

	@Test
	void fallsBackToThePeerWhenForwardedForIsMissingOrNotAnAddress() {
		assertThat(this.resolver.clientAddress(request("10.1.2.3", null))).isEqualTo("10.1.2.3");
		assertThat(this.resolver.clientAddress(request("10.1.2.3", "evil.example.com"))).isEqualTo("10.1.2.3");
	}

	@Test
	void trustsNobodyByDefault() {
		assertThat(resolver().clientAddress(request("10.1.2.3", "198.51.100.20"))).isEqualTo("10.1.2.3");
	}

	@Test
	void matchesCidrRangesBitByBit() {
		ClientAddressResolver narrow = resolver("172.16.0.0/12");

		assertThat(narrow.clientAddress(request("172.31.255.1", "198.51.100.20"))).isEqualTo("198.51.100.20");
		assertThat(narrow.clientAddress(request("172.32.0.1", "198.51.100.20"))).isEqualTo("172.32.0.1");
	}

	@Test
	void believesForwardedProtoOnlyFromTrustedProxies() {
		assertThat(this.resolver.isSecure(withProto("10.1.2.3", "https"))).isTrue();
		assertThat(this.resolver.isSecure(withProto("203.0.113.9", "https"))).isFalse();
	}

	@Test
	void rejectsProxyEntriesThatAreNotAddresses() {
		assertThatIllegalArgumentException().isThrownBy(() -> resolver("proxy.internal"));
	}

	private static ClientAddressResolver resolver(String... trustedProxies) {
		return new ClientAddressResolver(new GatewayProperties("classpath:/admin-web/", List.of(trustedProxies),
				DataSize.ofMegabytes(10), new GatewayProperties.Headers("csp", "swagger-csp", "no-referrer", "hsts")));
	}

	private static MockServerHttpRequest request(String peer, String forwardedFor) {
		MockServerHttpRequest.BaseBuilder<?> builder = MockServerHttpRequest.get("/api/v1/regions")
			.remoteAddress(new InetSocketAddress(peer, 40000));
		if (forwardedFor != null) {
			builder.header("X-Forwarded-For", forwardedFor);
		}
		return builder.build();
	}

	private static MockServerHttpRequest withProto(String peer, String proto) {
		return MockServerHttpRequest.get("/")
			.remoteAddress(new InetSocketAddress(peer, 40000))
			.header("X-Forwarded-Proto", proto)
			.build();
	}

}
