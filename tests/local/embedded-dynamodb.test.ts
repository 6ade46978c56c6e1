import http from 'node:http';
import { startEmbeddedDynamo } from '../../functions/local/embedded-dynamodb';

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

/** One request over a keep-alive agent, so the database's server holds an idle socket, as the SDK leaves it. */
async function keepAliveRequest(endpoint: string, agent: http.Agent): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = http.request(
      endpoint,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
        },
      },
      (response) => {
        response.resume();
        response.on('end', resolve);
      },
    );
    request.on('error', reject);
    request.end('{}');
  });
}

describe('embedded DynamoDB shutdown', () => {
  test('closing does not wait for a client’s idle keep-alive socket, and leaves no timer running', async () => {
    const agent = new http.Agent({ keepAlive: true });
    const dynamo = await startEmbeddedDynamo();
    await keepAliveRequest(dynamo.endpoint, agent);
    const before = timers();
    let closed = false;
    const closing = dynamo.close().then(() => (closed = true));
    // The socket is still open on our side: close() must finish without the client letting go.
    await closing;
    expect(closed).toBe(true);
    expect(timers()).toBeLessThanOrEqual(before);
    agent.destroy();
  });
});
