package dev.lockstep.targets.process;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A service for tests that need one holding a port: listens on 127.0.0.1:{@code args[0]} and
 * answers every connection with {@code {"version":"<args[1]>"}}, until it is killed.
 */
public final class ListenMain {
  private ListenMain() {}

  public static void main(String[] args) throws IOException {
    byte[] body = ("{\"version\":\"" + args[1] + "\"}").getBytes(StandardCharsets.UTF_8);
    try (ServerSocket server =
        new ServerSocket(Integer.parseInt(args[0]), 50, InetAddress.getLoopbackAddress())) {
      System.out.println("listening on " + server.getLocalPort());
      System.out.flush();
      while (true) {
        try (Socket client = server.accept();
            OutputStream out = client.getOutputStream()) {
          out.write(
              ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                      + body.length
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.write(body);
        }
      }
    }
  }
}
