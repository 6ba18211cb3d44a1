// Starts dynalite's own command line (same options) in a process that survives a client that
// disappears mid-request. dynalite rethrows a request stream's error from its handler
// (`req.on('error', err => { throw err })`), so a client killed with SIGKILL while sending a
// request body (what the crash tests do to the service) ended the whole DynamoDB server with
// ECONNRESET. Real DynamoDB drops that one request and goes on; so does this.
'use strict'

process.on('uncaughtException', function (err) {
  if (err && (err.code === 'ECONNRESET' || err.code === 'ECONNABORTED' || err.message === 'aborted')) {
    console.error('[dynalite] a client went away mid-request (%s); request dropped', err.code || err.message)
    return
  }
  console.error(err)
  process.exit(1)
})

require('dynalite/cli.js')
