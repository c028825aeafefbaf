import { ConfigError, loadConfig } from './config/config.ts';
import { announceFirstAdmin } from './first-admin-notice.ts';
import { startKontakt } from './kontakt.ts';
import { createLogger } from './logging/logger.ts';
import { RedisBinaryMissingError } from './pipeline/embedded-redis.ts';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL);
  let kontakt: Awaited<ReturnType<typeof startKontakt>>;
  try {
    kontakt = await startKontakt(config, log);
  } catch (err) {
    if (err instanceof RedisBinaryMissingError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(3);
    }
    log.fatal({ err }, 'Kontakt failed to start');
    process.exit(1);
  }

  if (kontakt.firstAdmin?.generatedPassword) {
    // Never through the logger, never in clear anywhere but an owner-only file (and a terminal).
    const { email, generatedPassword } = kontakt.firstAdmin;
    announceFirstAdmin({ email, generatedPassword }, config.DATA_DIR, process.stdout);
  }

  // A library's forgotten promise must not take a hotline down; it is logged for us to fix.
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing jobs in flight');
    await kontakt.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main();
