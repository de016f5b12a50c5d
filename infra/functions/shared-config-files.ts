import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

// Stands in for the SDK's `loadSharedConfigFiles` (@smithy/core's shared-ini-file-loader) in deployed
// bundles only (left-out.ts). The SDK reads the shared config and credentials files for each setting no
// environment variable or client option gives (retry mode, max attempts, FIPS and dual-stack
// endpoints...), and answers them as empty when they are absent, which in Lambda they always are: the
// function's home holds no `.aws` folder and its code is this bundle. So the answer is two empty files,
// without the SDK's INI parser, and a file that does exist stops the call: a setting would otherwise be
// ignored where the SDK would read it. Environment variables are read before the files, unchanged.

/** The SDK's `CONFIG_PREFIX_SEPARATOR`, which the replaced module also exports. */
export const CONFIG_PREFIX_SEPARATOR = '.';

interface SharedConfigInit {
  filepath?: string;
  configFilepath?: string;
}

/** The SDK's home folder on Linux (`getHomeDir`: HOME, else the user's home). */
const homeDir = () => process.env.HOME || homedir();

const expand = (file: string) => (file.startsWith('~/') ? join(homeDir(), file.slice(2)) : file);

export const loadSharedConfigFiles = async (init: SharedConfigInit = {}) => {
  const files = [
    init.filepath ?? (process.env.AWS_SHARED_CREDENTIALS_FILE || join(homeDir(), '.aws', 'credentials')),
    init.configFilepath ?? (process.env.AWS_CONFIG_FILE || join(homeDir(), '.aws', 'config')),
  ].map(expand);
  const present = files.filter((file) => existsSync(file));
  if (present.length > 0) {
    throw new Error(
      `${present.join(', ')}: deployed bundles read no AWS config file (shared-config-files.ts)`,
    );
  }
  return { configFile: {}, credentialsFile: {} };
};
