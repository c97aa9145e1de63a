import type { ComponentProps } from 'react'
import { Image } from '@tarojs/components'
import { Empty as NutEmpty } from '@nutui/nutui-react-taro'
import emptyImage from '../assets/empty/empty.png'
import errorImage from '../assets/empty/error.png'
import './Empty.scss'

type Props = ComponentProps<typeof NutEmpty>

/**
 * NutUI's Empty with pictures shipped in the app: its own defaults load from an outside server, which
 * breaks offline and is not a whitelisted domain in the mini program.
 */
export function Empty({ image, status, ...props }: Props) {
  const picture = image ?? (
    <Image className='app-empty__image' src={status === 'error' || status === 'network' ? errorImage : emptyImage} />
  )
  return <NutEmpty {...props} status={status} image={picture} />
}
