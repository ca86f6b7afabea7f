/*
 * DynamoDB Local bound to the loopback address. The engine has no bind-address option: its server
 * (DynamoDBProxyServer) makes a Jetty Server on a port, which listens on every interface. This
 * launcher builds the same server from the same command line as the jar's own main class
 * (ServerRunner.createServerFromCommandLineArgs), sets the host of its one connector to 127.0.0.1
 * before it starts, and starts it. Nothing else of the engine changes. It reads one private field
 * of a jar whose version and checksum tools/fetch-dynamodb-local.mjs pins; if a later jar lacks
 * it, this fails loudly at start (no server is started on every interface by this class), and
 * test/integration/local-bind.test.ts checks the socket the kernel holds.
 */
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("no connector to bind");
    for (Connector c : connectors) ((ServerConnector) c).setHost("127.0.0.1");
    proxy.start();
  }
}
