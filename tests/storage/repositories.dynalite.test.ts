import { faqRepositoryContract } from './faq-repository-contract';
import { repositoryContract } from './repository-contract';

repositoryContract('dynalite', () => undefined);
faqRepositoryContract('dynalite', () => undefined);
