package cn.villagecounsel.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

final class FreePort {

	private FreePort() {
	}

	/** A port nothing listens on right now, for servers that cannot pick their own and for refused connections. */
	static int find() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
