package io.migratepages.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay on loopback between one component's client and the API server: the component's
 * network. {@link #sever()} cuts it at once, every open connection and every later one, as the
 * death of the component's process (or of its node) does: nothing it sends afterwards reaches the
 * API server, so it can neither renew nor release a Lease, nor write anything else. {@link
 * #partition()} cuts it until {@link #heal()}: the component lives on and keeps trying.
 */
final class SeverableLink implements AutoCloseable {
  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final List<Socket> sockets = new ArrayList<>();
  private boolean severed;
  private boolean partitioned;

  private SeverableLink(InetSocketAddress target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  /** Starts relaying connections to {@code host:port}. */
  static SeverableLink to(String host, int port) {
    try {
      SeverableLink link = new SeverableLink(new InetSocketAddress(host, port));
      daemon("link-accept-" + link.port(), link::acceptLoop).start();
      return link;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on loopback for a link to " + host, e);
    }
  }

  /** The loopback port a client connects to instead of the API server's. */
  int port() {
    return listener.getLocalPort();
  }

  /** Closes the listener and resets every relayed connection; no more connection gets through. */
  synchronized void sever() {
    severed = true;
    closeQuietly(listener);
    resetAll();
  }

  /** Resets every relayed connection, and every new one until {@link #heal()}. */
  synchronized void partition() {
    partitioned = true;
    resetAll();
  }

  /** New connections get through again (unless severed). */
  synchronized void heal() {
    partitioned = false;
  }

  private void resetAll() {
    sockets.forEach(SeverableLink::reset);
    sockets.clear();
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0); // a reset, not an orderly close: the peer is gone
    } catch (IOException e) {
      // already closed
    }
    closeQuietly(socket);
  }

  @Override
  public void close() {
    sever();
  }

  private void acceptLoop() {
    while (true) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // severed
      }
      if (isPartitioned()) {
        reset(client);
        continue;
      }
      try {
        Socket server = new Socket(target.getAddress(), target.getPort());
        if (!register(client, server)) {
          if (isSevered()) {
            return;
          }
          continue;
        }
        daemon("link-up-" + port(), () -> pump(client, server)).start();
        daemon("link-down-" + port(), () -> pump(server, client)).start();
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private synchronized boolean isPartitioned() {
    return partitioned;
  }

  private synchronized boolean isSevered() {
    return severed;
  }

  private synchronized boolean register(Socket client, Socket server) {
    if (severed || partitioned) {
      reset(client);
      closeQuietly(server);
      return false;
    }
    sockets.add(client);
    sockets.add(server);
    return true;
  }

  private static void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // either side closed or severed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // nothing left to release
    }
  }
}
