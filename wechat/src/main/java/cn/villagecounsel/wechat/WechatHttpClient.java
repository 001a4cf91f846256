package cn.villagecounsel.wechat;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

import me.chanjar.weixin.common.util.http.apache.ApacheHttpClientBuilder;
import org.apache.http.client.HttpRequestRetryHandler;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.SocketConfig;
import org.apache.http.conn.ConnectionKeepAliveStrategy;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/**
 * The HTTP client WxJava uses, built by us instead of WxJava's {@code DefaultApacheHttpClientBuilder}: that one is a
 * JVM-wide singleton and trusts every TLS certificate. Ours verifies certificates, has real timeouts and never retries
 * by itself (Reactor does).
 */
final class WechatHttpClient implements ApacheHttpClientBuilder, Closeable {

	private final CloseableHttpClient client;

	/**
	 * @param attemptTimeout Reactor's limit for one attempt; the HTTP timeouts are a second longer so that Reactor's
	 * timeout decides and these only free the thread of an abandoned attempt
	 */
	WechatHttpClient(Duration attemptTimeout, int maxConnections) {
		int millis = Math.toIntExact(attemptTimeout.plusSeconds(1).toMillis());
		PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
		// One connection per scheduler thread is all that can be in use.
		pool.setMaxTotal(maxConnections);
		pool.setDefaultMaxPerRoute(maxConnections);
		pool.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(millis).build());
		this.client = HttpClients.custom()
			.setConnectionManager(pool)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectTimeout(millis)
				.setSocketTimeout(millis)
				.setConnectionRequestTimeout(millis)
				.build())
			.disableAutomaticRetries()
			.build();
	}

	@Override
	public CloseableHttpClient build() {
		return client;
	}

	// WxJava passes the config's (empty) proxy settings on every init; we configure no proxy.

	@Override
	public ApacheHttpClientBuilder httpProxyHost(String httpProxyHost) {
		return this;
	}

	@Override
	public ApacheHttpClientBuilder httpProxyPort(int httpProxyPort) {
		return this;
	}

	@Override
	public ApacheHttpClientBuilder httpProxyUsername(String httpProxyUsername) {
		return this;
	}

	@Override
	public ApacheHttpClientBuilder httpProxyPassword(String httpProxyPassword) {
		return this;
	}

	@Override
	public ApacheHttpClientBuilder httpRequestRetryHandler(HttpRequestRetryHandler httpRequestRetryHandler) {
		throw new UnsupportedOperationException("retries happen in Reactor");
	}

	@Override
	public ApacheHttpClientBuilder keepAliveStrategy(ConnectionKeepAliveStrategy keepAliveStrategy) {
		throw new UnsupportedOperationException("the client is built already");
	}

	@Override
	public ApacheHttpClientBuilder sslConnectionSocketFactory(SSLConnectionSocketFactory sslConnectionSocketFactory) {
		throw new UnsupportedOperationException("the client is built already");
	}

	@Override
	public ApacheHttpClientBuilder supportedProtocols(String[] supportedProtocols) {
		throw new UnsupportedOperationException("the client is built already");
	}

	@Override
	public void close() throws IOException {
		client.close();
	}

}
