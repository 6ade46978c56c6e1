import { faqRepositoryContract } from './faq-repository-contract';
import { loopAndChannelContract } from './loop-and-channel-contract';
import { repositoryContract } from './repository-contract';

repositoryContract('dynalite', () => undefined);
loopAndChannelContract('dynalite', () => undefined);
faqRepositoryContract('dynalite', () => undefined);
