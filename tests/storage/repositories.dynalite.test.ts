import { repositoryContract } from './repository-contract';

repositoryContract('dynalite', () => undefined);
