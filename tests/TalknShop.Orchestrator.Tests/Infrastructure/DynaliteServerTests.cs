using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using TalknShop.Orchestrator.Dynalite;

namespace TalknShop.Orchestrator.Tests.Infrastructure;

/// <summary>
/// The local DynamoDB the store and crash tests run on behaves like the real one when a client
/// dies mid-request: that request is dropped and the server goes on. (dynalite alone exits with
/// ECONNRESET; tests/dynalite/server.js keeps it up, and a crash test once lost its server so.)
/// </summary>
public sealed class DynaliteServerTests
{
    [Fact]
    public async Task A_client_reset_in_the_middle_of_a_request_body_leaves_the_server_answering()
    {
        using var dynalite = await Task.Run(() => DynaliteProcess.Start());

        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync(IPAddress.Loopback, dynalite.Port);
            await socket.SendAsync(Encoding.ASCII.GetBytes(
                "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 1000\r\n\r\n{\"Limit\":"));
            socket.LingerState = new LingerOption(true, 0); // close sends RST, as a killed process's socket does
        }

        using var client = new AmazonDynamoDBClient(
            new BasicAWSCredentials("test", "test"),
            new AmazonDynamoDBConfig { ServiceURL = dynalite.Endpoint, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(200);
            var tables = await client.ListTablesAsync();
            Assert.Equal(HttpStatusCode.OK, tables.HttpStatusCode);
        }
    }

    [Fact]
    public void Start_PortTakenByAnotherServer_FailsInsteadOfTalkingToThatServer()
    {
        // Another test's server holds the port (what a free-port race leads to): dynalite cannot
        // listen there, and the start must say so, not hand out an endpoint that is someone else's.
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;

        var error = Assert.Throws<InvalidOperationException>(() => DynaliteProcess.Start(port: port));

        Assert.Contains("exited before listening", error.Message, StringComparison.Ordinal);
        Assert.Contains("EADDRINUSE", error.Message, StringComparison.Ordinal);
    }
}
