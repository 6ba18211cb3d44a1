using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.Http;

/// <summary>The service started the way a service manager starts it: <c>dotnet /path/TalknShop.Orchestrator.dll</c> from another directory.</summary>
public sealed class ContentRootTests
{
    [Fact]
    public async Task StartedFromAnotherDirectory_ServesThePageAtRoot()
    {
        using var dataDir = new TempDirectory();
        var port = FreePort();
        var assembly = Path.Combine(AppContext.BaseDirectory, "TalknShop.Orchestrator.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = "/",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assembly);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["DATA_DIR"] = dataDir.Path;
        info.Environment["ENVIRONMENT"] = "production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["LOG_LEVEL"] = "WARNING";
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            await WaitUntilUpAsync(http, process);

            using var page = await http.GetAsync(new Uri("/", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            using var script = await http.GetAsync(new Uri("/js/app.js", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task WaitUntilUpAsync(HttpClient http, Process process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"the service exited with {(process.HasExited ? process.ExitCode : 0)}");
            try
            {
                using var alive = await http.GetAsync(new Uri("/alive", UriKind.Relative));
                if (alive.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        Assert.Fail("the service did not answer /alive within 60 s");
    }

    /// <summary>
    /// A free port below Linux's ephemeral range (32768–60999): the parallel tests' hosts bind
    /// port 0 and get ephemeral ports, so none of them can take this one before the service binds it.
    /// </summary>
    private static int FreePort()
    {
        while (true)
        {
            var port = Random.Shared.Next(20_000, 30_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
    }
}
