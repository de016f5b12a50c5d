import type { HandlersProps } from '../functions/handlers';
import type { DataStack } from './data-stack';
import type { IdentityStack } from './identity-stack';

/** What every stack's handlers are built from: the same folders and manifest, the shared stacks' resources. */
export function sharedHandlerProps(
  data: DataStack,
  identity: IdentityStack,
): Pick<HandlersProps, 'data' | 'documents' | 'email' | 'staff' | 'failureQueue'> {
  return {
    data: data.data,
    documents: data.documents,
    email: identity.email,
    staff: { userPool: identity.auth.userPool, staffClient: identity.auth.staffClient },
    failureQueue: identity.handlerFailures,
  };
}
